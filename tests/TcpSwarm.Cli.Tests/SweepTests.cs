using System.Globalization;
using TcpSwarm.Cli.Output;
using TcpSwarm.Cli.Sweep;
using TcpSwarm.Silo;

namespace TcpSwarm.Cli.Tests;

/// <summary>`tcpswarm sweep`: the grid's runs, really run on embedded silos, their folders, sweep.csv against their
/// summaries, the plots; report and compare on a sweep folder; and the grids it refuses before anything runs.</summary>
public sealed class SweepTests
{
    private const string Small = """
        # Does a larger backlog change anything at 200 connections/s?
        seed: 5
        duration: 3s
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 64, accept: { workers: 2, service: 5ms } }
        clients:
          - { name: users, addresses: { from: 10.0.0.1, count: 4 }, target: web, arrivals: { poisson: 200/s } }
        paths:
          - { from: users, to: web, latency: 2ms }
        """;

    private static Tcpswarm Real() => new() { Runners = () => new EmbeddedRunner() };

    [Fact]
    public async Task Two_values_and_two_seeds_write_four_runs_and_a_csv_whose_rows_equal_their_summaries()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("small.yaml"), Small);
        var sweep = temp.File("out");

        var result = await Real().Run("sweep", temp.File("small.yaml"), "--vary", "servers.web.backlog=2,64",
            "--seeds", "2", "--out", sweep, "--plot", "ListenOverflows", "--plot", "outcomes.completed");

        Assert.Equal(0, result.Code);
        result.AssertNoStackTrace();
        var runs = Directory.GetFiles(sweep, "summary.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(sweep, Path.GetDirectoryName(f)!).Replace('\\', '/')).Order().ToList();
        Assert.Equal(["servers.web.backlog=2/seed-5", "servers.web.backlog=2/seed-6", "servers.web.backlog=64/seed-5",
            "servers.web.backlog=64/seed-6"], runs);

        var table = SweepTable.Read(Path.Combine(sweep, SweepTable.File), out var problem)!;
        Assert.Equal("", problem);
        Assert.Equal(["servers.web.backlog"], table.Keys);
        Assert.Equal(4, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var summary = FlatSummary.Read(Path.Combine(sweep, row.Folder), out _)!;
            Assert.Equal(row.Seed.ToString(CultureInfo.InvariantCulture),
                summary.Numbers.Single(n => n.Key == "seed").Value.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(row.Folder, $"servers.web.backlog={row.Values[0]}/seed-{row.Seed}");
            var numbers = summary.Numbers.Where(n => n.Key != "seed").ToList();
            Assert.NotEmpty(numbers);
            foreach (var (key, value) in numbers)
                Assert.Equal(value, row.Figures[table.Figures.ToList().IndexOf(key)]);
            foreach (var figure in table.Figures.Where(f => numbers.All(n => n.Key != f)))   // counted by no run here
                Assert.Equal(figure.Contains(".counters.", StringComparison.Ordinal) ? 0 : null,
                    row.Figures[table.Figures.ToList().IndexOf(figure)]);
        }
        // A backlog of 2 (3 places) overflows under these bursts; 64 does not.
        int overflows = SweepPlots.IndexOf(table.Figures, "ListenOverflows");
        Assert.True(overflows >= 0, "some run overflowed");
        Assert.All(table.Rows.Where(r => r.Values[0] == "2"), r => Assert.True(r.Figures[overflows] > 0));
        Assert.All(table.Rows.Where(r => r.Values[0] == "64"), r => Assert.Equal(0, r.Figures[overflows]));
        Assert.True(File.Exists(Path.Combine(sweep, "plots", "sweep-ListenOverflows.png")));
        Assert.True(File.Exists(Path.Combine(sweep, "plots", "sweep-outcomes.completed.png")));
        Assert.Contains(result.OutLines, l => l.Contains("servers.web.backlog", StringComparison.Ordinal)
                                              && l.Contains("ListenOverflows", StringComparison.Ordinal));

        // report rebuilds the plots; compare sets two points (their seeds' means) side by side.
        File.Delete(Path.Combine(sweep, "plots", "sweep-ListenOverflows.png"));
        var report = await Real().Run("report", sweep);
        Assert.Equal(0, report.Code);
        Assert.True(File.Exists(Path.Combine(sweep, "plots", "sweep-ListenOverflows.png")));
        var compare = await Real().Run("compare", Path.Combine(sweep, "servers.web.backlog=2"),
            Path.Combine(sweep, "servers.web.backlog=64"));
        Assert.Equal(0, compare.Code);
        var mean = table.Rows.Where(r => r.Values[0] == "2").Average(r => r.Figures[overflows]!.Value);
        Assert.Contains(compare.OutLines, l => l.StartsWith(table.Figures[overflows], StringComparison.Ordinal)
                                               && l.Contains(FlatSummary.Format(mean), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_at_once_change_no_result()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("small.yaml"), Small);
        var one = await Real().Run("sweep", temp.File("small.yaml"), "--vary", "servers.web.accept.workers=1,3",
            "--seeds", "2", "--parallel", "1", "--out", temp.File("one"));
        var two = await Real().Run("sweep", temp.File("small.yaml"), "--vary", "servers.web.accept.workers=1,3",
            "--seeds", "2", "--parallel", "2", "--out", temp.File("two"));
        Assert.Equal((0, 0), (one.Code, two.Code));
        Assert.Equal(File.ReadAllText(temp.File("one/sweep.csv")), File.ReadAllText(temp.File("two/sweep.csv")));
    }

    [Fact]
    public async Task A_grid_over_the_documented_size_is_refused_before_anything_runs()
    {
        var values = string.Join(',', Enumerable.Range(1, 26));
        var result = await Tcpswarm.RunRefusing("sweep", Repo.Load("syn-flood.yaml"), "--vary",
            "servers.web.backlog=" + values, "--vary", "servers.web.reuseport=1,2,3,4", "--seeds", "5");
        Assert.Equal(2, result.Code);
        Assert.Equal("error: --vary: vary: the grid is 26 × 4 × 5 seeds = 520 runs; a sweep runs at most 500",
            result.ErrorLines[0]);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_key_the_scenario_lacks_and_a_value_out_of_range_are_located_at_vary()
    {
        var result = await Tcpswarm.RunRefusing("sweep", Repo.Load("syn-flood.yaml"), "--vary",
            "servers.web.backlgo=1,2", "--vary", "clients.browsers.arrivals.poisson=100/s,-5/s");
        Assert.Equal(2, result.Code);
        Assert.Contains("error: --vary: servers.web.backlgo: not a field --set can change in this scenario; did "
                        + "you mean 'servers.web.backlog'?", result.ErrorLines);
        Assert.Contains(result.ErrorLines, l => l.StartsWith(
            "error: --vary: clients.browsers.arrivals.poisson: -5/s is not allowed; use a rate above 0/s",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_grid_whose_runs_need_more_memory_than_the_machine_is_refused()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("small.yaml"), Small.Replace("arrivals: { poisson: 200/s }",
            "arrivals: { closed_loop: { concurrent: 1000 } }", StringComparison.Ordinal));
        var result = await Tcpswarm.RunRefusing("sweep", temp.File("small.yaml"), "--vary",
            "clients.users.arrivals.closed_loop.concurrent=1000,100000000");
        Assert.Equal(2, result.Code);
        Assert.Contains(result.ErrorLines, l => l.Contains("the run would need about", StringComparison.Ordinal)
                                                && l.Contains("MiB at its peak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_vary_is_refused_with_what_is_allowed()
    {
        var result = await Tcpswarm.RunRefusing("sweep", Repo.Load("syn-flood.yaml"), "--vary", "servers.web.backlog");
        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: --vary: servers.web.backlog: 'servers.web.backlog' is not KEY=V1,V2,...",
            result.ErrorLines[0], StringComparison.Ordinal);
        var none = await Tcpswarm.RunRefusing("sweep", Repo.Load("syn-flood.yaml"));
        Assert.Equal(2, none.Code);
        Assert.StartsWith("error: --vary: vary: missing", none.ErrorLines[0], StringComparison.Ordinal);
    }
}
