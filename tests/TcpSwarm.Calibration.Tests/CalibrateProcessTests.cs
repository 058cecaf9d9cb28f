using System.Diagnostics;
using System.Globalization;

namespace TcpSwarm.Calibration.Tests;

/// <summary>`tcpswarm calibrate` as the user runs it: the built program as a child process, against this machine's
/// kernel.</summary>
public sealed class CalibrateProcessTests
{
    [Fact]
    public async Task Calibrate_quick_has_no_row_apart_and_leaves_no_namespace()
    {
        RealKernel.Require();
        var (code, output, error, pid) = await Tcpswarm(asNobody: false, "calibrate", "--quick");

        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        // On a busy machine a row whose kernel timing cannot be trusted says so; none may disagree.
        var rows = output.Split('\n').Where(l => l.Contains("  ok  ", StringComparison.Ordinal)
                                                 || l.Contains("  DIFF  ", StringComparison.Ordinal)
                                                 || l.Contains("  untrusted  ", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 40, $"only {rows.Count} rows:\n{output}");
        Assert.DoesNotContain(rows, r => r.Contains("  DIFF  ", StringComparison.Ordinal));
        int untrusted = rows.Count(r => r.Contains("  untrusted  ", StringComparison.Ordinal));
        Assert.Contains(untrusted == 0 ? $"{rows.Count} rows, all within tolerance."
            : $"{rows.Count - untrusted} of {rows.Count} rows within tolerance; {untrusted} untrusted", output,
            StringComparison.Ordinal);
        foreach (var experiment in (string[])["synack-offsets", "syn-offsets", "backlog-4", "syn-burst-cookies-0",
                     "syn-burst-cookies-1", "syn-burst-cookies-2", "time-wait", "port-range-10"])
            Assert.Contains(rows, r => r.StartsWith(experiment + " ", StringComparison.Ordinal));
        var left = await Kernel.HostCommand.RunAsync(["ip", "netns", "list"],
            cancellation: TestContext.Current.CancellationToken);
        Assert.DoesNotContain($"tcpswarm-cal-{pid}-", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_stops_calibrate_with_130_and_every_namespace_it_made_is_gone()
    {
        RealKernel.Require();
        var start = Start(asNobody: false, "calibrate", "--quick");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = new System.Text.StringBuilder();
        while (await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            error.AppendLine(line);
            // Printed while the time-wait experiment waits about 50 s for its first record to expire: calibrate is
            // mid-experiment for long after, whatever the machine's load.
            if (line.Contains("time-wait: ", StringComparison.Ordinal)
                && line.Contains("waiting for the first TIME_WAIT to expire", StringComparison.Ordinal)) break;
        }
        var made = await Kernel.HostCommand.RunAsync(["ip", "netns", "list"],
            cancellation: TestContext.Current.CancellationToken);
        Assert.Contains($"tcpswarm-cal-{process.Id}-", made, StringComparison.Ordinal);

        await Kernel.HostCommand.RunAsync(["kill", "-s", "INT", process.Id.ToString(CultureInfo.InvariantCulture)],
            cancellation: TestContext.Current.CancellationToken);
        error.Append(await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}\n{error}");
        Assert.Contains("interrupted: every namespace calibrate made has been removed", error.ToString(),
            StringComparison.Ordinal);
        Assert.Empty(await output);
        var left = await Kernel.HostCommand.RunAsync(["ip", "netns", "list"],
            cancellation: TestContext.Current.CancellationToken);
        Assert.DoesNotContain($"tcpswarm-cal-{process.Id}-", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_root_calibrate_says_so_and_exits_2_having_started_nothing()
    {
        var (code, output, error, _) = await Tcpswarm(asNobody: Environment.UserName == "root", "calibrate",
            "--quick");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("error: calibrate needs root: it creates network namespaces", error,
            StringComparison.Ordinal);
        Assert.EndsWith("; nothing was started.\n", error, StringComparison.Ordinal);
    }

    // `dotnet tcpswarm.dll ARGS`. asNobody runs it in a new user namespace with no uid mapped (unshare(1), util-linux):
    // it sees itself as uid 65534, not root, yet reads the build output wherever the clone is, as its real uid can.
    private static async Task<(int Code, string Out, string Error, int Pid)> Tcpswarm(bool asNobody,
        params string[] args)
    {
        using var process = Process.Start(Start(asNobody, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));   // only a hang reaches it
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await error, process.Id);
    }

    private static ProcessStartInfo Start(bool asNobody, params string[] args)
    {
        // A suite started in the background by a non-interactive shell inherits SIGINT ignored, and .NET keeps an
        // ignored SIGINT ignored: env --default-signal gives calibrate the disposition a terminal would.
        var start = new ProcessStartInfo(asNobody ? "unshare" : "env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in asNobody ? (string[])["--user", "dotnet"] : ["--default-signal=INT", "dotnet"])
            start.ArgumentList.Add(a);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
