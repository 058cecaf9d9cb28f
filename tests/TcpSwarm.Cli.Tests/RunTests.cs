using System.Text.Json;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>What run does with a report: files, summary, exit code. The engine is a test double returning a report
/// built by hand; nothing here claims a simulation ran.</summary>
public sealed class RunTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    [Theory]
    [InlineData(RunStatus.Completed, 0, "completed")]
    [InlineData(RunStatus.Interrupted, 130, "interrupted")]
    [InlineData(RunStatus.ClusterFailed, 3, "cluster_failed")]
    public async Task Each_status_has_its_exit_code_and_run_json_says_it(RunStatus status, int code, string name)
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(status)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(code, result.Code);
        using var run = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        Assert.Equal(name, run.RootElement.GetProperty("status").GetString());
        Assert.Equal(RunFilesText(Summaries.Example()), File.ReadAllText(temp.File("summary.json")));
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_cluster_failure_is_printed_in_one_line()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.ClusterFailed)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(3, result.Code);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: the cluster failed: silo 2 was lost at 31.2s of virtual time (membership: no "
                          + "heartbeat); summary.json and the time series hold the run as of 60.0s, its last sample on "
                          + "every silo, in ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_is_printed_first_and_the_options_reach_the_scenario_the_runner_gets()
    {
        using var temp = new TempFolder();
        var runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed));
        var tool = new Tcpswarm { Runner = runner };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path, "--seed", "7", "--speed", "2",
            "--set", "net.ipv4.tcp_syncookies=0", "--set", "duration=16s");

        Assert.Equal("seed 7", result.OutLines[0]);
        Assert.Equal(1, runner.Calls);
        Assert.Equal(7UL, runner.Scenario!.Seed);
        Assert.Equal(2, runner.Scenario.Speed.Factor);
        Assert.Equal(0, runner.Scenario.Profile.TcpSyncookies);
        Assert.Equal(TimeSpan.FromSeconds(16), runner.Scenario.Duration);
        Assert.True(runner.Disposed);
    }

    [Fact]
    public async Task The_summary_table_gives_each_outcome_its_share_and_the_files_written()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Contains("attempts        18,000  100.0%", result.OutLines);
        Assert.Contains("completed       16,900   93.9%", result.OutLines);
        Assert.Contains("timed_out          300    1.7%", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("SYN queue peak", StringComparison.Ordinal)
                                              && l.EndsWith("1,025  1,025", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("TCPReqQFullDoCookies", StringComparison.Ordinal));
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("ListenOverflows", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("flood", StringComparison.Ordinal)
                                              && l.EndsWith("300,000  3,000", StringComparison.Ordinal));
        Assert.Equal($"written: {temp.File("summary.json")}, {temp.File("run.json")}, {temp.File("timeseries.csv")}, "
                     + $"{temp.File("timeseries.json")}, {temp.File("report.md")}, "
                     + $"{Path.Combine(temp.Path, "plots", "*.png")}",
            result.OutLines[^1]);
    }

    [Fact]
    public async Task A_forced_rerun_replaces_the_files_with_the_same_bytes()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

        await tool.Run("run", Quickstart, "--out", temp.Path);
        var first = File.ReadAllBytes(temp.File("summary.json"));
        Assert.Equal(0, (await tool.Run("run", Quickstart, "--out", temp.Path, "--force")).Code);

        Assert.Equal(first, File.ReadAllBytes(temp.File("summary.json")));
        Assert.Equal(["report.md", "run.json", "summary.json", "timeseries.csv", "timeseries.json"],
            Directory.GetFiles(temp.Path).Select(Path.GetFileName).Where(n => n![0] != '.')
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_run_folder_is_created_with_its_parents()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "a", "b");
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

        Assert.Equal(0, (await tool.Run("run", Quickstart, "--out", folder)).Code);
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
    }

    [Fact]
    public async Task A_run_folder_that_cannot_be_made_is_refused_before_anything_runs()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("taken"), "a file, not a folder");
        var tool = new Tcpswarm { Runner = TestDoubleRunner.MustNotRun() };

        var result = await tool.Run("run", Quickstart, "--out", temp.File("taken"));

        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --out: out: cannot create the run folder '{temp.File("taken")}'",
            result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("1 problem; nothing was started.", result.ErrorLines[^1]);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task An_exception_in_the_runner_is_our_bug_printed_with_its_stack_trace_and_the_seed()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm
        {
            Runner = new TestDoubleRunner((_, _, _) => throw new InvalidOperationException("boom")),
        };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path, "--seed", "5");

        Assert.Equal(1, result.Code);
        Assert.Contains("System.InvalidOperationException: boom", result.Error, StringComparison.Ordinal);
        Assert.Contains("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal("rerun with --seed 5 to reproduce it", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task Outcomes_that_do_not_sum_to_the_attempts_are_a_bug_and_still_written()
    {
        using var temp = new TempFolder();
        var broken = Summaries.Example() with { Attempts = 18_001 };
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed, broken)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(1, result.Code);
        Assert.Contains("the outcomes sum to 18000, not to the 18001 attempts", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("summary.json")));
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_run_which_is_written_as_interrupted_with_exit_130()
    {
        using var temp = new TempFolder();
        Tcpswarm? tool = null;
        var runner = new TestDoubleRunner(async (_, _, cancellation) =>
        {
            tool!.Interruption!.Request();
            await Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => { }, TaskScheduler.Default);
            return Summaries.Report(RunStatus.Interrupted, Summaries.Example() with { VirtualSeconds = 12.5 });
        });
        tool = new Tcpswarm { Runner = runner };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(130, result.Code);
        Assert.StartsWith("interrupted (SIGINT): stopping at the last completed window", result.ErrorLines[0],
            StringComparison.Ordinal);
        Assert.StartsWith("interrupted at 12.5s of 20.0s of virtual time", result.ErrorLines[^1],
            StringComparison.Ordinal);
        using var run = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        Assert.Equal("interrupted", run.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Further_signals_are_acknowledged_and_the_results_are_still_written()
    {
        using var temp = new TempFolder();
        Tcpswarm? tool = null;
        var runner = new TestDoubleRunner((_, _, _) =>
        {
            tool!.Interruption!.Request("SIGTERM");
            tool.Interruption.Request("SIGTERM");
            tool.Interruption.Request("SIGHUP");
            return Task.FromResult(Summaries.Report(RunStatus.Interrupted));
        });
        tool = new Tcpswarm { Runner = runner };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(130, result.Code);
        Assert.Equal(2, result.ErrorLines.Count(l => l.StartsWith("interrupted again (", StringComparison.Ordinal)
                                                     && l.EndsWith("will be kept; only SIGKILL stops tcpswarm before "
                                                                   + "that", StringComparison.Ordinal)));
        using var run = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        Assert.Equal("interrupted", run.RootElement.GetProperty("status").GetString());
        Assert.Equal(RunFilesText(Summaries.Example()), File.ReadAllText(temp.File("summary.json")));
    }

    [Fact]
    public async Task Without_a_terminal_progress_is_plain_lines()
    {
        using var temp = new TempFolder();
        Tcpswarm? tool = null;
        var runner = new TestDoubleRunner((_, progress, _) =>
        {
            for (var second = 1; second <= 3; second++)
            {
                progress!.Report(Snapshots.At(TimeSpan.FromSeconds(second)));
                tool!.Clock.Advance(TimeSpan.FromSeconds(1));
            }
            return Task.FromResult(Summaries.Report(RunStatus.Completed));
        });
        tool = new Tcpswarm { Runner = runner };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path);

        Assert.Equal(3, result.OutLines.Count(l => l.StartsWith("progress ", StringComparison.Ordinal)));
        Assert.Equal("seed 1", result.OutLines[0]);
    }

    private static string RunFilesText(RunSummary summary) =>
        System.Text.Encoding.UTF8.GetString(Output.RunFiles.SummaryJson(summary));
}
