using OpenTelemetry.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using static TcpSwarm.Silo.Tests.Exported;

namespace TcpSwarm.Silo.Tests.Metrics;

/// <summary>Drops by reason and events as an exporter reads them, against summary.json's drops and events of short
/// versions of load/'s SYN flood (cookies off) and slow accept.</summary>
public sealed class DropsAndEventsTests
{
    private const string Drops = "tcpswarm.listen.drops";

    // load/syn-flood.yaml with cookies off, for 6 s: SYN-queue drops only, most of them for unproven peers.
    private static readonly Lazy<Task<(Scenario, IReadOnlyList<RunSample>)>> SynFlood = new(() => Run("syn-flood.yaml",
        ("duration: 60s", "duration: 6s"), ("net.ipv4.tcp_syncookies: 1", "net.ipv4.tcp_syncookies: 0")));

    // load/slow-accept.yaml ramped in 3 s instead of 30, for 8 s: the accept queue overflows.
    private static readonly Lazy<Task<(Scenario, IReadOnlyList<RunSample>)>> SlowAccept = new(() => Run(
        "slow-accept.yaml", ("duration: 60s", "duration: 8s"), ("over: 30s", "over: 3s")));

    [Fact]
    public async Task A_syn_flood_without_cookies_drops_on_the_syn_queue_as_summary_json_says()
    {
        var (scenario, samples) = await SynFlood.Value;
        var (summary, c) = Collected(scenario, samples);
        var drops = AssertDrops(summary, c).Single();
        Assert.True(drops.SynQueueUnprovenPeer > 1000 && drops.AcceptQueueFull == 0, $"{drops}");
        Assert.Equal(0, summary.Servers.Single().CookiesSent);
        Assert.Equal(0, Sum(c, "tcpswarm.tcpext", ("tcpswarm.counter.name", "SyncookiesSent")));
        AssertEvents(scenario, summary, c, "syn_queue_overflow");
    }

    [Fact]
    public async Task A_slow_accept_drops_on_the_accept_queue_as_summary_json_says()
    {
        var (scenario, samples) = await SlowAccept.Value;
        var (summary, c) = Collected(scenario, samples);
        var drops = AssertDrops(summary, c).Single();
        Assert.True(drops.AcceptQueueFull > 100 && drops.SynQueueFull + drops.SynQueueUnprovenPeer == 0, $"{drops}");
        AssertEvents(scenario, summary, c, "accept_queue_overflow");
    }

    [Fact]
    public async Task Two_silos_add_up_to_the_runs_drops_and_events()
    {
        var (scenario, samples) = await SlowAccept.Value;
        var summary = RunSummaryBuilder.Build(scenario, samples);
        using var even = new Listening();                   // each silo's meter heard apart, as in a cluster
        using var odd = new Listening();
        foreach (var s in samples)
        {
            even.Metrics.Observe(scenario, s with { Hosts = [.. s.Hosts.Where(h => (h.Host & 1) == 0)] },
                s.VirtualTime);
            odd.Metrics.Observe(scenario, s with { Hosts = [.. s.Hosts.Where(h => (h.Host & 1) == 1)] },
                s.VirtualTime);
        }
        var (e, o) = (even.Listened.Read(), odd.Listened.Read());
        var server = summary.Servers.Single();
        var reasons = RunProgressBuilder.ByReason(server.Drops);
        for (int r = 0; r < reasons.Length; r++)
        {
            var reason = $"tcpswarm.drop.reason={RunProgressBuilder.DropReasons[r]}";
            Assert.Equal(reasons[r], Heard(e, Drops, reason).Sum() + Heard(o, Drops, reason).Sum());
        }
        Assert.NotEmpty(summary.Events);
        foreach (var ev in summary.Events)
        {
            var (key, value) = Place(scenario, ev);
            string[] match = [$"tcpswarm.event={ev.Name}", $"{key}={value}"];
            Assert.Equal(ev.FirstS, Heard(e, "tcpswarm.event.first_seen", match)
                .Concat(Heard(o, "tcpswarm.event.first_seen", match)).Min());
            Assert.Equal(ev.LastS, Heard(e, "tcpswarm.event.last_seen", match)
                .Concat(Heard(o, "tcpswarm.event.last_seen", match)).Max());
            Assert.Equal(ev.Count, Heard(e, "tcpswarm.event.occurrences", match).Sum()
                                   + Heard(o, "tcpswarm.event.occurrences", match).Sum());
        }
    }

    // The values of one instrument whose attributes include every "key=value" of match.
    private static IEnumerable<double> Heard(Dictionary<string, double> heard, string name, params string[] match) =>
        heard.Where(kv => kv.Key.StartsWith(name + "{", StringComparison.Ordinal)
                          && match.All(m => kv.Key[(name.Length + 1)..^1].Split(',').Contains(m)))
            .Select(kv => kv.Value);

    // Each server's exported drops by reason are summary.json's drops; their total is Linux's ListenDrops.
    private static List<ListenDrops> AssertDrops(RunSummary summary, IReadOnlyList<MetricSnapshot> c)
    {
        foreach (var server in summary.Servers)
        {
            var s = ("tcpswarm.server.name", (object)server.Name);
            var reasons = RunProgressBuilder.ByReason(server.Drops);
            for (int r = 0; r < reasons.Length; r++)
                Assert.Equal(reasons[r], Sum(c, Drops, s, ("tcpswarm.drop.reason", RunProgressBuilder.DropReasons[r])));
            Assert.Equal(server.Drops.Total, Sum(c, Drops, s));
            Assert.Equal(server.Drops.Total, Sum(c, "tcpswarm.tcpext", s, ("tcpswarm.counter.name", "ListenDrops")));
        }
        return [.. summary.Servers.Select(s => s.Drops)];
    }

    // Every event of summary.json, and no other, with its first and last instants and its count.
    private static void AssertEvents(Scenario scenario, RunSummary summary, IReadOnlyList<MetricSnapshot> c,
        string expected)
    {
        Assert.Contains(summary.Events, e => e.Name == expected && e.FirstS > 0 && e.Count > 0);
        foreach (var name in (string[])["tcpswarm.event.first_seen", "tcpswarm.event.last_seen",
                     "tcpswarm.event.occurrences"])
            Assert.Equal(summary.Events.Count, Points(c, name).Count());
        foreach (var e in summary.Events)
        {
            var at = Place(scenario, e);
            var kind = ("tcpswarm.event", (object)e.Name);
            Assert.Equal(e.FirstS, Sum(c, "tcpswarm.event.first_seen", kind, at));
            Assert.Equal(e.LastS, Sum(c, "tcpswarm.event.last_seen", kind, at));
            Assert.Equal(e.Count, Sum(c, "tcpswarm.event.occurrences", kind, at));
        }
    }

    private static (string, object) Place(Scenario scenario, RunEvent e) =>
        scenario.Servers.Any(s => s.Name == e.Where)
            ? ("tcpswarm.server.name", e.Where)
            : ("tcpswarm.client.group", e.Where);

    private static (RunSummary, IReadOnlyList<MetricSnapshot>) Collected(Scenario scenario,
        IReadOnlyList<RunSample> samples)
    {
        using var exported = new Exported();
        foreach (var sample in samples) exported.Metrics.Observe(scenario, sample, sample.VirtualTime);
        return (RunSummaryBuilder.Build(scenario, samples), exported.Collect());
    }

    private static async Task<(Scenario, IReadOnlyList<RunSample>)> Run(string file,
        params (string From, string To)[] edits)
    {
        var yaml = await File.ReadAllTextAsync(LoadFile(file));
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, yaml, StringComparison.Ordinal);
            yaml = yaml.Replace(from, to, StringComparison.Ordinal);
        }
        var scenario = Runs.Load(yaml);
        return (scenario, await new LocalCluster(scenario).Clock.RunAsync(null, CancellationToken.None));
    }

    // load/ in the repository this test was built from.
    private static string LoadFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "load", name))) return Path.Combine(dir.FullName, "load", name);
        throw new FileNotFoundException($"load/{name} above {AppContext.BaseDirectory}");
    }
}
