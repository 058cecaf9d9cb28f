using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>`tcpswarm compare`: two run folders' summaries side by side, with what changed.</summary>
public sealed class CompareTests : IDisposable
{
    private readonly TempFolder _runs = new("tcpswarm-compare-");

    public void Dispose() => _runs.Dispose();

    // A run folder holding only its summary, inside this test's temporary folder.
    private string Folder(string name, RunSummary summary)
    {
        var dir = _runs.File(name);
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, RunFiles.SummaryFile), RunFiles.SummaryJson(summary));
        return dir;
    }

    [Fact]
    public async Task Figures_that_differ_are_listed_with_both_values_the_difference_and_the_change()
    {
        var a = Summaries.Example();
        var b = a with { Outcomes = a.Outcomes with { Completed = a.Outcomes.Completed * 2 } };
        var result = await Tcpswarm.RunWithoutEngine("compare", Folder("a", a), Folder("b", b));

        Assert.Equal(0, result.Code);
        var line = Assert.Single(result.Out.Split('\n'),
            l => l.StartsWith("outcomes.completed ", StringComparison.Ordinal));
        var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string done = FlatSummary.Format(a.Outcomes.Completed), twice = FlatSummary.Format(b.Outcomes.Completed);
        Assert.Equal(["outcomes.completed", done, twice, "+" + done, "+100.0%"], cells);
        Assert.DoesNotContain(result.Out.Split('\n'), l => l.StartsWith("attempts ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_all_every_figure_is_listed_even_the_equal_ones()
    {
        var a = Summaries.Example();
        var result = await Tcpswarm.RunWithoutEngine("compare", Folder("same-a", a), Folder("same-b", a), "--all");
        Assert.Equal(0, result.Code);
        Assert.Contains(result.Out.Split('\n'), l => l.StartsWith("attempts ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_without_a_summary_is_refused_with_exit_2_and_no_stack_trace()
    {
        var a = Folder("ok", Summaries.Example());
        var result = await Tcpswarm.RunWithoutEngine("compare", a,
            Path.Combine(Path.GetTempPath(), "tcpswarm-no-such-run"));
        Assert.Equal(2, result.Code);
        Assert.Contains("tcpswarm-no-such-run/summary.json: no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_counter_that_fell_to_nothing_shows_0_and_minus_100_per_cent_not_a_dash()
    {
        var a = Summaries.Example();
        var web = a.Servers[0];
        var b = a with { Servers = [web with { Counters = [.. web.Counters.Where(c => c.Key != "SyncookiesSent")] }] };

        var result = await Tcpswarm.RunWithoutEngine("compare", Folder("fell-a", a), Folder("fell-b", b));

        Assert.Equal(0, result.Code);
        var line = Assert.Single(result.OutLines,
            l => l.StartsWith("servers.web.counters.SyncookiesSent ", StringComparison.Ordinal));
        Assert.Equal(["servers.web.counters.SyncookiesSent", "280,000", "0", "-280,000", "-100.0%"],
            line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Runs_of_different_durations_compare_totals_per_virtual_second_and_peaks_as_they_are()
    {
        var a = Summaries.Example();                       // 60 s, 18,000 attempts: 300/s
        var b = a with { VirtualSeconds = 30 };             // the same totals in half the time: 600/s

        var result = await Tcpswarm.RunWithoutEngine("compare", Folder("long", a), Folder("short", b), "--all");

        Assert.Equal(0, result.Code);
        Assert.Contains(result.OutLines, l => l.StartsWith("The runs simulated 60 s and 30 s of virtual time",
            StringComparison.Ordinal));
        var attempts = Assert.Single(result.OutLines, l => l.StartsWith("attempts /s ", StringComparison.Ordinal));
        Assert.Equal(["attempts", "/s", "300", "600", "+300", "+100.0%"],
            attempts.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var peak = Assert.Single(result.OutLines,
            l => l.StartsWith("servers.web.peak_syn_queue ", StringComparison.Ordinal));
        Assert.Equal(["servers.web.peak_syn_queue", "1,025", "1,025", "+0", "0.0%"],
            peak.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_effective_sysctls_that_differ_between_the_runs_are_listed()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };
        await tool.Run("run", Repo.Load("quickstart.yaml"), "--out", temp.File("a"));
        await tool.Run("run", Repo.Load("quickstart.yaml"), "--out", temp.File("b"),
            "--set", "net.ipv4.tcp_tw_reuse=1", "--set", "net.ipv4.ip_local_port_range=40000 40999");

        var result = await Tcpswarm.RunWithoutEngine("compare", temp.File("a"), temp.File("b"));

        Assert.Equal(0, result.Code);
        Assert.Contains("net.ipv4.ip_local_port_range: 32768 60999  |  40000 40999", result.OutLines);
        Assert.Contains("net.ipv4.tcp_tw_reuse: 2  |  1", result.OutLines);
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("net.ipv4.tcp_syncookies:", StringComparison.Ordinal));
    }
}
