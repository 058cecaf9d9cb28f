using System.Text.Json;
using TcpSwarm.Cli.Checks;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>Checks that make a run pass or fail, for CI: `--check PATH OP VALUE` and a scenario's `checks:`. The
/// engine is a test double returning a hand-built report (Summaries.Example): web's SYN queue peaked at 1,025.
/// </summary>
public sealed class CheckTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    private static Tcpswarm Completed() =>
        new() { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

    [Fact]
    public async Task A_failing_check_exits_5_and_says_what_it_measured_in_the_output_run_json_and_report()
    {
        using var temp = new TempFolder();

        var result = await Completed().Run("run", Quickstart, "--out", temp.Path,
            "--check", "servers.web.peak_syn_queue < 1000", "--check", "outcomes.port_exhausted == 0");

        Assert.Equal(5, result.Code);
        Assert.Contains("check FAIL  servers.web.peak_syn_queue < 1000  measured 1,025", result.OutLines);
        Assert.Contains("check pass  outcomes.port_exhausted == 0       measured 0", result.OutLines);
        Assert.Contains("checks: 1 of 2 failed (exit 5)", result.OutLines);
        using var run = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        var first = run.RootElement.GetProperty("checks")[0];
        Assert.Equal("servers.web.peak_syn_queue", first.GetProperty("field").GetString());
        Assert.Equal(1025, first.GetProperty("measured").GetDouble());
        Assert.Equal(1000, first.GetProperty("limit").GetDouble());
        Assert.False(first.GetProperty("passed").GetBoolean());
        var report = File.ReadAllText(temp.File("report.md"));
        Assert.Contains("1 of 2 checks failed: the run exits 5.", report, StringComparison.Ordinal);
        Assert.Contains("| `servers.web.peak_syn_queue < 1000` | servers.web.peak_syn_queue | 1,025 | **fail** |",
            report, StringComparison.Ordinal);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task Passing_checks_exit_0_and_a_counter_linux_never_counted_reads_0()
    {
        using var temp = new TempFolder();

        var result = await Completed().Run("run", Quickstart, "--out", temp.Path,
            "--check", "clients.browsers.outcomes.timed_out<=300", "--check", "servers.web.counters.ListenDrops == 0",
            "--check", "virtual_seconds <= 1min");

        Assert.Equal(0, result.Code);
        Assert.Contains("checks: all 3 passed", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("check pass  servers.web.counters.ListenDrops == 0 ",
            StringComparison.Ordinal) && l.EndsWith("measured 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_scenarios_checks_run_too_and_are_located_in_its_file()
    {
        using var temp = new TempFolder();
        var yaml = File.ReadAllText(Quickstart) + "checks:\n  - attempts > 20000\n";
        File.WriteAllText(temp.File("checked.yaml"), yaml);

        var result = await Completed().Run("run", temp.File("checked.yaml"), "--out", temp.File("run"));

        Assert.Equal(5, result.Code);
        Assert.Contains("check FAIL  attempts > 20000  measured 18,000", result.OutLines);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "run", "run.json")));
        var line = yaml.Split('\n').Length - 1;
        Assert.Equal($"{temp.File("checked.yaml")}:{line}:5", run.RootElement.GetProperty("checks")[0]
            .GetProperty("from").GetString());
    }

    [Fact]
    public async Task A_path_that_names_no_figure_is_refused_with_exit_2_before_the_run_naming_the_nearest()
    {
        using var temp = new TempFolder();

        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--out", temp.Path,
            "--check", "servers.webb.peak_syn_queue < 10", "--check", "outcomes.timed_outt == 0",
            "--check", "attempts > 5%");

        Assert.Equal(2, result.Code);
        Assert.Equal(
        [
            "error: --check: servers.webb.peak_syn_queue < 10: 'servers.webb.peak_syn_queue' names no figure of "
            + "summary.json: 'webb' is not one of the scenario's servers; did you mean 'web'? (there: web)",
            "error: --check: outcomes.timed_outt == 0: 'outcomes.timed_outt' names no figure of summary.json: "
            + "'timed_outt' is not a field of outcomes; did you mean 'timed_out'? (there: completed, refused, reset, "
            + "timed_out, port_exhausted, open)",
            "error: --check: attempts > 5%: 'attempts' names no figure of summary.json: attempts is a count, not "
            + "a fraction; a percentage compares with a fraction (such as handshake.over_1s); write the count "
            + "without %",
            "3 problems; nothing was started.",
        ], result.ErrorLines);
        Assert.False(File.Exists(temp.File("summary.json")));
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task Validate_refuses_a_scenarios_check_with_a_bad_path_at_its_line_and_column()
    {
        using var temp = new TempFolder();
        var yaml = File.ReadAllText(Quickstart) + "checks:\n  - servers.web.counters.ListenOverflow == 0\n";
        File.WriteAllText(temp.File("checked.yaml"), yaml);
        int line = yaml.Split('\n').Length - 1;

        var result = await Tcpswarm.RunRefusing("validate", temp.File("checked.yaml"));

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: {temp.File("checked.yaml")}:{line}:5: checks[0]: "
            + "'servers.web.counters.ListenOverflow' names no figure of summary.json: 'ListenOverflow' is not one of "
            + "the Linux counters (nstat's names); did you mean 'ListenOverflows'?",
            result.ErrorLines[0].Split(" (there:")[0]);
    }

    [Fact]
    public async Task A_check_that_is_not_path_op_value_is_refused_at_its_line_and_column()
    {
        using var temp = new TempFolder();
        var yaml = File.ReadAllText(Quickstart) + "checks:\n  - oops\n  - attempts = 3\n";
        File.WriteAllText(temp.File("checked.yaml"), yaml);
        int line = yaml.Split('\n').Length - 2;

        var result = await Tcpswarm.RunRefusing("validate", temp.File("checked.yaml"));

        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: {temp.File("checked.yaml")}:{line}:5: checks[0]: 'oops' is not a check; "
                          + "write PATH OP VALUE", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.StartsWith($"error: {temp.File("checked.yaml")}:{line + 1}:5: checks[1]: 'attempts = 3' is not a check",
            result.ErrorLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_run_keeps_exit_130_whatever_its_checks_say()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Interrupted)) };

        var result = await tool.Run("run", Quickstart, "--out", temp.Path, "--check", "attempts > 20000");

        Assert.Equal(130, result.Code);
        Assert.Contains("check FAIL  attempts > 20000  measured 18,000", result.OutLines);
    }

    [Fact]
    public void A_duration_is_held_against_a_field_in_ms_in_ms_and_against_one_in_seconds_in_seconds()
    {
        var check = new RunCheck("handshake.p99 < 1s", "handshake.p99", "<", 1, CheckUnit.Duration, "--check", 0, 0,
            "handshake.p99 < 1s");

        Assert.Equal(1000, CheckVerdicts.Limit(check, "handshake.p99_ms"));
        Assert.Equal(1, CheckVerdicts.Limit(check, "virtual_seconds"));
        Assert.True(CheckPaths.IsDuration("clients.web.handshake.max_ms"));
        Assert.False(CheckPaths.IsDuration("clients.web.handshake.over_1s"));
    }
}
