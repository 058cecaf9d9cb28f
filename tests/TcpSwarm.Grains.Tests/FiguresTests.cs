using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>The figures a run reports mean what they say: drops by reason each counted once (cookies apart), LISTEN
/// sockets counted, the SYN queue's limit for unproven peers, handshake and lifetime quantiles against a small run
/// computed by hand, and the instants of the events a scenario asks about.</summary>
public sealed class FiguresTests
{
    private static async Task<(RunSummary Summary, IReadOnlyList<RunSample> Samples)> Run(Scenario scenario)
    {
        var cluster = new LocalCluster(scenario, 1);
        var samples = await cluster.Clock.RunAsync(null, TestContext.Current.CancellationToken);
        return (RunSummaryBuilder.Build(scenario, samples), samples);
    }

    private static long Counter(IReadOnlyList<KeyValuePair<string, long>> counters, string name) =>
        counters.FirstOrDefault(c => c.Key == name).Value;

    private static Scenario SynFlood(int syncookies, TimeSpan duration)
    {
        var result = ScenarioLoader.Load(Path.Combine(Repo, "load", "syn-flood.yaml"),
            new ScenarioOverrides { Sets = [("net.ipv4.tcp_syncookies", syncookies.ToString())] });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Scenario! with { Duration = duration };
    }

    private static string Repo
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TcpSwarm.sln"))) dir = dir.Parent;
            return dir!.FullName;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Syn_flood_drops_are_counted_once_by_reason_and_cookies_are_not_drops(int syncookies)
    {
        var scenario = SynFlood(syncookies, TimeSpan.FromSeconds(4));
        var (summary, samples) = await Run(scenario);
        var web = summary.Servers.Single();
        long listenDrops = Counter(web.Counters, "ListenDrops");

        Assert.Equal(listenDrops, web.Drops.Total);
        Assert.Equal(Counter(web.Counters, "TCPReqQFullDrop"), web.Drops.SynQueueFull);
        Assert.Equal(Counter(web.Counters, "ListenOverflows"), web.Drops.AcceptQueueFull);
        Assert.Equal(Counter(web.Counters, "SyncookiesSent"), web.CookiesSent);
        var progress = RunProgressBuilder.From(scenario, samples[^1], 1);
        Assert.Equal(listenDrops, progress.Drops.Sum(d => d.Value));
        Assert.Equal(web.CookiesSent, progress.CookiesSent);
        switch (syncookies)
        {
            case 0:          // the queue overflows: SYNs dropped, the flood's and real ones, no cookie
                Assert.True(web.Drops.SynQueueFull + web.Drops.SynQueueUnprovenPeer > 1000, $"{web.Drops}");
                Assert.Equal(0, web.CookiesSent);
                Assert.Equal(769, web.SynQueueEffectiveLimit);              // 1,024 - 1,024/4 + 1 of 1,025
                Assert.Equal(1025, web.SynQueueLimit);
                Assert.InRange(web.PeakSynQueue, 700, 1024);              // proven peers may pass 769, never 1,025
                Assert.Equal(web.Drops.SynQueueFull + web.Drops.SynQueueUnprovenPeer,
                    summary.Events.Single(e => e.Name == "syn_queue_overflow").Count);
                break;
            case 1:          // cookies once the queue is full: nothing dropped
                Assert.Equal(0, web.Drops.Total);
                Assert.True(web.CookiesSent > 1000);
                Assert.Equal(web.SynQueueLimit, web.SynQueueEffectiveLimit);
                var cookie = summary.Events.Single(e => e.Name == "syncookies_sent");
                Assert.Equal("TCP: request_sock_TCP: Possible SYN flooding on port 10.0.1.10:443. Sending cookies.",
                    cookie.LinuxMessage);
                Assert.Equal(web.CookiesSent, cookie.Count);
                break;
            default:         // a cookie for every SYN, the queue never used: no drop, no overflow, no message
                Assert.Equal(0, web.Drops.Total);
                Assert.True(web.CookiesSent > 1000);
                Assert.DoesNotContain(summary.Events, e => e.Name == "syn_queue_overflow");
                Assert.Null(summary.Events.Single(e => e.Name == "syncookies_sent").LinuxMessage);
                break;
        }
    }

    [Fact]
    public async Task Slow_accept_drops_equal_its_listen_drops_and_the_first_overflow_has_its_instant()
    {
        var scenario = Scenarios.FromFile("slow-accept.yaml") with { Duration = TimeSpan.FromSeconds(20) };
        var (summary, samples) = await Run(scenario);
        var app = summary.Servers.Single();

        Assert.Equal(Counter(app.Counters, "ListenDrops"), app.Drops.Total);
        Assert.Equal(Counter(app.Counters, "ListenOverflows"), app.Drops.AcceptQueueFull);
        Assert.True(app.Drops.AcceptQueueFull > 0);
        var overflow = summary.Events.Single(e => e.Name == "accept_queue_overflow");
        Assert.Equal("app", overflow.Where);
        Assert.Equal(app.Drops.AcceptQueueFull, overflow.Count);
        // The scenario says: arrivals outrun accept() from about 13 s, the queue is full about 3 s later. The first
        // overflow lies between the last sample without one and the first with one.
        var firstSample = samples.First(s => s.Hosts.Sum(h => h.Counters[(int)TcpExt.ListenOverflows]) > 0);
        Assert.InRange(overflow.FirstS, firstSample.VirtualTime.TotalSeconds - 1, firstSample.VirtualTime.TotalSeconds);
        Assert.InRange(overflow.FirstS, 13, 18);
        Assert.True(overflow.LastS >= overflow.FirstS);
    }

    [Fact]
    public async Task Time_wait_proxy_first_runs_out_of_ports_between_9_and_10_seconds()
    {
        var scenario = Scenarios.FromFile("time-wait-proxy.yaml") with { Duration = TimeSpan.FromSeconds(12) };
        var (summary, _) = await Run(scenario);

        var exhausted = summary.Events.Single(e => e.Name == "port_exhausted");
        Assert.Equal("proxy", exhausted.Where);
        Assert.True(exhausted.FirstS > 9 && exhausted.FirstS <= 10, $"first EADDRNOTAVAIL at {exhausted.FirstS} s");
        Assert.Equal(summary.Outcomes.PortExhausted, exhausted.Count);
        Assert.True(exhausted.LastS > 11.5);
    }

    [Fact]
    public async Task Reaching_tcp_max_tw_buckets_is_an_event_with_linux_s_words()
    {
        var result = ScenarioLoader.Load(Path.Combine(Repo, "load", "time-wait-proxy.yaml"),
            new ScenarioOverrides { Sets = [("net.ipv4.tcp_max_tw_buckets", "1000"), ("duration", "2s")] });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        var (summary, _) = await Run(result.Scenario!);

        var overflow = summary.Events.Single(e => e.Name == "tw_bucket_overflow");
        Assert.Equal("proxy", overflow.Where);
        Assert.Equal("TCP: time wait bucket table overflow", overflow.LinuxMessage);
        Assert.Equal(Counter(summary.Clients.Single().Counters, "TCPTimeWaitOverflow"), overflow.Count);
        // 1,000 records at 3,000 closes/s: the 1,001st close, a third of a second in (plus one round trip).
        Assert.InRange(overflow.FirstS, 0.3, 0.4);
    }

    [Fact]
    public async Task Listening_sockets_are_counted_in_the_time_series()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var (_, samples) = await Run(scenario);

        var rows = TimeSeriesBuilder.Build(scenario, samples);
        Assert.All(rows, r => Assert.Equal(1, r.States[(int)TcpState.Listen]));
    }

    // 20 browsers' connects 100 ms apart from 0 s, 10 ms each way; SYNs before 450 ms are lost once, so the first five
    // handshakes take 1 s (the SYN's RTO) + 20 ms and the other fifteen 20 ms; 10 "stuck" connects never get an
    // answer. By hand: of 30 attempts 20 complete, p50 20 ms (rank 10 of 20), p90 and p99 1,020 ms (ranks 18 and
    // 20), max 1,020 ms, over 1 s 5/30, over 3 s 0, never 10/30.
    private const string Handshakes = """
        seed: 1
        duration: 5s
        servers:
          - { name: web, address: 10.0.1.10, port: 80, response: { bytes: 100B } }
        clients:
          - name: browsers
            addresses: 10.0.0.1
            target: web
            arrivals: { constant: 10/s }
            stop: 1950ms
            session: { request: 100B, requests: 1, closes: client }
          - name: stuck
            addresses: 10.0.0.2
            target: web
            arrivals: { constant: 5/s }
            stop: 1950ms
        paths:
          - { from: browsers, to: web, latency: 10ms }
          - { from: stuck, to: web, latency: 10ms }
        faults:
          - { drop: { from: browsers, to: web, segments: syn }, until: 450ms }
          - { drop: { from: stuck, to: web, segments: syn } }
        """;

    [Fact]
    public async Task Handshake_quantiles_and_shares_match_a_small_run_computed_by_hand()
    {
        var (summary, _) = await Run(Scenarios.Load(Handshakes));

        Assert.Equal(30, summary.Attempts);
        Assert.Equal(Rounded(new HandshakeFigures(20, 20, 1020, 1020, 1020, 5 / 30.0, 0, 10 / 30.0)),
            Rounded(summary.Handshake));
        var browsers = summary.Clients.Single(c => c.Name == "browsers");
        Assert.Equal(new HandshakeFigures(20, 20, 1020, 1020, 1020, 0.25, 0, 0), Rounded(browsers.Handshake));
        var stuck = summary.Clients.Single(c => c.Name == "stuck");
        Assert.Equal(new HandshakeFigures(0, null, null, null, null, 0, 0, 1), stuck.Handshake);
        Assert.Equal(Rounded(summary.Handshake), Rounded(summary.Servers.Single().Handshake));
        // Lifetimes on the client: connect to TIME_WAIT, 40 ms after ESTABLISHED (request, response with the
        // server's FIN, the client's FIN, its ACK): 60 ms for fifteen, 1,060 ms for five.
        Assert.Equal(new LifetimeFigures(20, 60, 1060, 1060, 1060), browsers.Lifetime);
    }

    private static HandshakeFigures Rounded(HandshakeFigures h) =>
        h with
        {
            Over1s = Math.Round(h.Over1s, 4),
            Over3s = Math.Round(h.Over3s, 4),
            NeverCompleted = Math.Round(h.NeverCompleted, 4)
        };
}
