using System.Diagnostics;
using System.Globalization;

namespace TcpSwarm.Calibration.Tests;

/// <summary>SIGTERM and SIGHUP, each sent twice as timeout(1) sends SIGTERM, stop calibrate as Ctrl-C does: exit 130
/// once every namespace it made is gone; the second signal is acknowledged and does not cut the removal short.
/// </summary>
public sealed class CalibrateSignalTests
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task A_signal_twice_stops_calibrate_with_130_and_every_namespace_it_made_is_gone(string signal)
    {
        RealKernel.Require();
        var start = new ProcessStartInfo("env")                   // the signals it sends at their defaults
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("--default-signal=HUP,INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in (string[])["calibrate", "--quick"]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var cancellation = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var error = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync(cancellation) is { } line)
        {
            error.AppendLine(line);
            if (line.Contains(": started", StringComparison.Ordinal)) break;      // namespaces are being made
        }
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);

        await Kernel.HostCommand.RunAsync(["kill", "-s", signal, pid], cancellation: cancellation);
        // The second once the first is seen (two pending signals of one kind are one), while the removal goes on.
        while (await process.StandardError.ReadLineAsync(cancellation) is { } line)
        {
            error.AppendLine(line);
            if (line.StartsWith("interrupted (", StringComparison.Ordinal)) break;
        }
        bool again = true;
        try
        {
            await Kernel.HostCommand.RunAsync(["kill", "-s", signal, pid], cancellation: cancellation);
        }
        catch (CalibrationException)
        {
            again = false;                                  // calibrate had already removed them all and ended
        }
        error.Append(await process.StandardError.ReadToEndAsync(cancellation));
        await process.WaitForExitAsync(cancellation);

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{error}");
        Assert.Contains($"interrupted (SIG{signal}): stopping the experiments", error.ToString(),
            StringComparison.Ordinal);
        if (again)
            Assert.Contains($"interrupted again (SIG{signal}): still removing calibrate's namespaces",
                error.ToString(), StringComparison.Ordinal);
        Assert.Contains("interrupted: every namespace calibrate made has been removed", error.ToString(),
            StringComparison.Ordinal);
        Assert.Empty(await output);
        var left = await Kernel.HostCommand.RunAsync(["ip", "netns", "list"], cancellation: cancellation);
        Assert.DoesNotContain($"tcpswarm-cal-{pid}-", left, StringComparison.Ordinal);
    }
}
