using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>`tcpswarm compare`: two run folders' summaries side by side, with what changed.</summary>
public sealed class CompareTests
{
    private static string Folder(string name, RunSummary summary)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tcpswarm-compare-{Environment.ProcessId}-{name}");
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
        var line = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("outcomes.completed ", StringComparison.Ordinal));
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
        var result = await Tcpswarm.RunWithoutEngine("compare", a, Path.Combine(Path.GetTempPath(), "tcpswarm-no-such-run"));
        Assert.Equal(2, result.Code);
        Assert.Contains("tcpswarm-no-such-run/summary.json: no such file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
