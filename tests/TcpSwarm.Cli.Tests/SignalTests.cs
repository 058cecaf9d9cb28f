using System.Text.Json;

namespace TcpSwarm.Cli.Tests;

/// <summary>Signals as timeout(1), systemd and CI runners send them, to a real run of the quickstart at wall speed:
/// the results are written whatever further signals come; SIGKILL alone stops tcpswarm, and leaves no half file.
/// </summary>
public sealed class SignalTests
{
    // Most signals sent by one test: a bound on its loop, far above what writing the files takes.
    private const int MaxSignals = 20_000;

    // A PNG's last chunk, IEND, and its CRC: a file cut short lacks them.
    private static readonly byte[] PngEnd = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static string[] AtWallSpeed(string folder) =>
        ["run", Repo.Load("quickstart.yaml"), "--speed", "1", "--out", folder];

    [Fact]
    public async Task SIGTERM_again_and_again_while_the_results_are_written_keeps_every_file_whole_and_interrupted()
    {
        using var temp = new TempFolder();
        var folder = temp.File("run");
        await using var run = ChildProcess.Tcpswarm(AtWallSpeed(folder));
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), "a first progress line");

        // As timeout(1) does (the process, then its group), and far more: until the process has ended.
        int sent = 0;
        while (!run.HasExited && sent < MaxSignals)
        {
            await run.Signal("TERM");
            sent++;
        }
        var code = await run.Exit();

        Assert.True(code == 130, $"exit {code} after {sent} SIGTERMs\n{run.Out}\n{run.Error}");
        Assert.StartsWith("interrupted (SIGTERM): stopping at the last completed window", run.Error,
            StringComparison.Ordinal);
        Assert.Contains("interrupted again (SIGTERM): the results are still being written and will be kept",
            run.Error, StringComparison.Ordinal);
        Assert.Contains("interrupted at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("interrupted", Status(folder));
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("virtual_seconds").GetDouble() < 20);
        foreach (var name in (string[])["timeseries.csv", "timeseries.json", "report.md"])
            Assert.True(new FileInfo(Path.Combine(folder, name)).Length > 0, name);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "plots"), "*.png"));
        Assert.Empty(Directory.GetFiles(folder, "*.tcpswarm-partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SIGHUP_stops_a_run_as_Ctrl_C_does()
    {
        using var temp = new TempFolder();
        var folder = temp.File("run");
        await using var run = ChildProcess.Tcpswarm(AtWallSpeed(folder));
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), "a first progress line");

        await run.Signal("HUP");
        var code = await run.Exit();

        Assert.True(code == 130, $"exit {code}\n{run.Out}\n{run.Error}");
        Assert.StartsWith("interrupted (SIGHUP): stopping", run.Error, StringComparison.Ordinal);
        Assert.Equal("interrupted", Status(folder));
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
    }

    [Fact]
    public async Task SIGKILL_mid_run_leaves_run_json_saying_running_and_no_other_file()
    {
        using var temp = new TempFolder();
        var folder = temp.File("run");
        await using var run = ChildProcess.Tcpswarm(AtWallSpeed(folder));
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), "a first progress line");

        await run.Signal("KILL");
        await run.Exit();

        Assert.Equal("running", Status(folder));
        Assert.Equal(["run.json"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName)
            .Where(n => n != ".tcpswarm.lock"));

        // The next run into it is told what is there, and --force replaces it.
        var (refused, _, error) = await RealProcess.Run("run", Repo.Load("quickstart.yaml"), "--out", folder);
        Assert.Equal(2, refused);
        Assert.Contains($"'{folder}' holds an earlier run (its run.json says running); give --force", error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGKILL_while_the_results_are_written_leaves_only_whole_files()
    {
        using var temp = new TempFolder();
        var folder = temp.File("run");
        await using var run = ChildProcess.Tcpswarm(AtWallSpeed(folder));
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), "a first progress line");

        await run.Signal("TERM");
        await run.WaitForLine(l => l.StartsWith("interrupted (SIGTERM)", StringComparison.Ordinal),
            "the first signal's acknowledgement", onError: true);
        await run.Signal("KILL");                     // somewhere in stopping or writing: every file whole or absent
        await run.Exit();

        var status = Status(folder);
        Assert.Contains(status, (string[])["running", "interrupted"]);
        foreach (var name in (string[])["run.json", "summary.json", "timeseries.json"])
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) JsonDocument.Parse(File.ReadAllBytes(path)).Dispose();     // throws if cut short
        }
        var plots = Path.Combine(folder, "plots");
        foreach (var png in Directory.Exists(plots) ? Directory.GetFiles(plots, "*.png") : [])
            Assert.True(File.ReadAllBytes(png).AsSpan().EndsWith(PngEnd), png);
        if (status == "interrupted")
            foreach (var name in (string[])["summary.json", "timeseries.csv", "timeseries.json", "report.md"])
                Assert.True(File.Exists(Path.Combine(folder, name)), name);
    }

    [Fact]
    public async Task A_silo_stops_on_the_first_SIGTERM()
    {
        var silo = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var gateway = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var process = ChildProcess.Tcpswarm("silo", "--silo-port", silo, "--gateway-port", gateway,
            "--primary-port", silo);
        await process.WaitForLine(l => l.Contains(" joined cluster ", StringComparison.Ordinal), "the silo's start");

        await process.Signal("TERM");
        var code = await process.Exit();

        Assert.True(code == 0, $"exit {code}\n{process.Out}\n{process.Error}");
        Assert.StartsWith("interrupted (SIGTERM): leaving the cluster", process.Error, StringComparison.Ordinal);
        Assert.Contains("is leaving the cluster", process.Out, StringComparison.Ordinal);
    }

    private static string? Status(string folder)
    {
        using var run = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "run.json")));
        return run.RootElement.GetProperty("status").GetString();
    }
}
