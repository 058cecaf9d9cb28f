using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Theory;

/// <summary>A SYN queue flooded by never-answered SYNs is an Erlang loss system, in the regime where Linux makes it
/// one.
/// </summary>
/// <remarks>
/// With tcp_syncookies 0 and tcp_max_syn_backlog 128, tcp_conn_request drops an unproven peer's SYN once 128 − qlen
/// &lt; 32, so the queue has m = 97 places; with a backlog of 1024 the queue is never "full" and reqsk_timer_handler
/// never prunes (2·qlen ≤ 194 &lt; 1024), so every request holds its place exactly 63 s (SYN-ACKs at 0, 1, 3, 7, 15, 31
/// s, dropped at 63 s). Poisson arrivals at λ offer E = 63·λ Erlangs, and the share of SYNs dropped is Erlang's B(E, m)
/// whatever the holding-time distribution. Each seed is one independent replication; the tolerance is the 99.9%
/// interval of the mean over them.
/// </remarks>
public sealed class ErlangLossTests
{
    private const int Places = 97;
    private const double HoldingSeconds = 63;
    private static readonly TimeSpan SteadyFrom = TimeSpan.FromSeconds(130), Until = TimeSpan.FromSeconds(400);

    /// <summary>Erlang's loss formula by its stable recurrence: B(E, 0) = 1, B(E, k) = E·B / (k + E·B).</summary>
    public static double ErlangB(double offered, int places)
    {
        double b = 1;
        for (int k = 1; k <= places; k++) b = offered * b / (k + offered * b);
        return b;
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public async Task The_share_of_syns_dropped_matches_erlangs_loss_formula(double synsPerSecond)
    {
        var shares = new List<double>();
        for (ulong seed = 1; seed <= 12; seed++) shares.Add(await DroppedShare(synsPerSecond, seed));

        double mean = shares.Average();
        double se = Math.Sqrt(shares.Sum(s => (s - mean) * (s - mean)) / (shares.Count - 1) / shares.Count);
        double expected = ErlangB(synsPerSecond * HoldingSeconds, Places);
        Assert.True(se > 0, "replications identical: the seeds did not vary the arrivals");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"λ = {synsPerSecond}/s: dropped {mean:0.0000} ± {Confidence.Z * se:0.0000} (99.9%), "
            + $"Erlang B {expected:0.0000}");
        Confidence.Within(mean, expected, se, $"share of SYNs dropped at {synsPerSecond}/s (E = {synsPerSecond * 63})");
    }

    [Fact]
    public void The_formula_itself_matches_known_values()
    {
        Assert.Equal(0.5, ErlangB(1, 1), 12);                       // E/(1+E)
        Assert.Equal(0.2, ErlangB(1, 2), 12);                       // (E²/2) / (1 + E + E²/2)
        Assert.Equal(0.0768008848776, ErlangB(97, 97), 12);         // the closed form (E^m/m!)/Σ E^k/k!, in log space
        Assert.Equal(0.2516344551590, ErlangB(126, 97), 12);
    }

    private static async Task<double> DroppedShare(double synsPerSecond, ulong seed)
    {
        var server = TestScenario.Server("web", "10.0.1.10", 80);
        var scenario = TestScenario.Make([server], [],
            [TestScenario.Path("flood", "web", TestScenario.Fixed(5))],
            [TestScenario.Attacker("flood", "198.51.100.0", 256, "web", synsPerSecond, stop: Until)], seed: seed) with
        {
            Duration = Until,
            SampleInterval = TimeSpan.FromSeconds(10),
            Profile = TcpProfile.Default with { TcpSyncookies = 0, TcpMaxSynBacklog = 128 },
        };
        var cluster = new LocalCluster(scenario);
        var samples = await cluster.Clock.RunAsync(null, TestContext.Current.CancellationToken);
        var from = samples.Single(s => s.VirtualTime == SteadyFrom);
        var to = samples.Single(s => s.VirtualTime == Until);
        long drops = Drops(to, server.Address) - Drops(from, server.Address);
        long arrivals = to.Attackers[0].SpoofedSyns - from.Attackers[0].SpoofedSyns;
        Assert.True(Queue(to, server.Address) <= Places, "the quarter rule let more than 97 requests in");
        return (double)drops / arrivals;
    }

    private static long Drops(RunSample s, uint server) =>
        s.Hosts.Single(h => h.Host == server).Counters[(int)TcpExt.ListenDrops];

    private static long Queue(RunSample s, uint server) => s.Hosts.Single(h => h.Host == server).SynReceived;
}
