using TcpSwarm.Calibration.Experiments;

namespace TcpSwarm.Calibration.Tests;

/// <summary>The time-wait experiment on a kernel side that falls behind (a busy machine, made so on purpose): its
/// rows compare what the kernel did, so they agree or say their timing is untrusted, and never read DIFF.</summary>
public sealed class SlowKernelSideTests
{
    [Fact]
    public async Task A_slow_kernel_side_client_and_server_give_time_wait_rows_that_agree_or_are_untrusted_not_diff()
    {
        RealKernel.Require();
        var log = new StringWriter();
        // 150 ms before each close on both sides: the client makes about 6 closes a second instead of 20, and each
        // stays in FIN_WAIT2 for 150 ms before the server's FIN puts it in TIME_WAIT.
        var report = await Calibrator.RunAsync(new CalibrationMode(Quick: true), log,
            TestContext.Current.CancellationToken, [new TimeWaitGrowth(TimeSpan.FromMilliseconds(150))]);
        Table.CalibrationTable.Write(report.Rows, log);
        TestContext.Current.TestOutputHelper?.WriteLine(log.ToString());

        Assert.Equal(4, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.False(r.Disagrees,
            $"{r.Quantity}: kernel {r.Kernel}, simulator {r.Simulator}, tolerance {r.Tolerance}\n{log}"));
        var count = report.Rows[0];
        var closes = int.Parse(count.Quantity.Split(' ')[4], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(closes, 1, 199);                   // fewer than the 200 asked for: the ones it made
        Assert.True(count.Untrusted is not null || count.Kernel == closes,
            $"{count.Kernel} in TIME_WAIT after {closes} closes");
        Assert.Contains("time-wait: ", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("waiting for the first TIME_WAIT to expire", log.ToString(), StringComparison.Ordinal);
    }
}
