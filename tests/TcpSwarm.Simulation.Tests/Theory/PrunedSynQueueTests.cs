using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Theory;

/// <summary>The Erlang test's flood with a backlog of 128 instead of 1024: the pruning of old requests takes over, and
/// the queue is no longer an Erlang loss system with 63 s holding times.</summary>
/// <remarks>
/// <para>Why. reqsk_timer_handler prunes once 2·qlen &gt; max(8, backlog), here once qlen ≥ 65. Under 2 SYN/s about
/// two requests are young (their timer has not fired; they are under 1 s old), so the loop takes max from 5 down to its
/// floor of 2 whenever qlen ≥ 8·young: an old request whose timer fires while the queue holds 65 or more is dropped at
/// that expiry (7, 15 or 31 s after its SYN) instead of at 63 s. The queue cannot climb far past 64: every old expiry
/// above it removes a request. The 97 places of the quarter rule are never reached, so no SYN is dropped, where
/// Erlang's B(126, 97) = 25% would be with 63 s holding times.</para>
/// <para>What still holds. Little's law, L = λ·W for any stationary queue: the mean queue equals the rate of requests
/// leaving it times their mean holding time W, which the SYN_RCVD histogram gives exactly (each request leaves at
/// 2^k − 1 s, a bucket bound). Erlang's formula with that shorter holding time, B(λ·W, 97) with λ·W ≈ 64 Erlangs,
/// predicts almost no drops, which is what happens; it is only a guide here, since the holding time now depends on
/// the queue's state and the formula's insensitivity needs it not to. Each seed is one replication; tolerances are
/// 99.9% intervals over them, or the binomial interval for a count of drops.</para>
/// </remarks>
public sealed class PrunedSynQueueTests
{
    private const int Places = 97;
    private const double SynsPerSecond = 2;
    private static readonly TimeSpan SteadyFrom = TimeSpan.FromSeconds(130), Until = TimeSpan.FromSeconds(400);

    // Bucket bounds a request can leave at: 7, 15, 31 and 63 s after its SYN (DurationHistogram.Bounds[9..12]).
    private static readonly int[] ExpiryBuckets = [9, 10, 11, 12];

    private sealed record Replication(long Arrivals, long Drops, long Ended, double HoldingSeconds, double MeanQueue,
        double ResendsPerRequest, long MaxQueue);

    [Fact]
    public async Task Pruning_shortens_holding_times_cuts_retries_and_drops_far_fewer_syns_than_erlang_at_63_s()
    {
        var runs = new List<Replication>();
        for (ulong seed = 1; seed <= 12; seed++) runs.Add(await Run(seed, backlog: 128));

        long arrivals = runs.Sum(r => r.Arrivals), drops = runs.Sum(r => r.Drops);
        double holding = runs.Sum(r => r.HoldingSeconds * r.Ended) / runs.Sum(r => r.Ended);
        double atSixtyThree = ErlangLossTests.ErlangB(SynsPerSecond * 63, Places);
        double atPruned = ErlangLossTests.ErlangB(SynsPerSecond * holding, Places);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"W = {holding:0.00} s, resends {runs.Average(r => r.ResendsPerRequest):0.00} per request, " +
            $"queue {runs.Average(r => r.MeanQueue):0.0} (max {runs.Max(r => r.MaxQueue)}), " +
            $"dropped {drops} of {arrivals}; B(63λ) {atSixtyThree:0.0000}, B(λW) {atPruned:0.000000}");

        // Shorter holding time and fewer SYN-ACK resends than the 63 s and 5 of the unpruned schedule.
        MeanBelow(runs.Select(r => r.HoldingSeconds), 63, "mean holding time (s)");
        MeanBelow(runs.Select(r => r.ResendsPerRequest), 5, "SYN-ACK resends per request");
        // The queue stays near half the backlog: pruning acts above 64, and nothing reaches the 97 places.
        Assert.All(runs, r => Assert.InRange(r.MaxQueue, 65, Places - 1));
        // Little's law: the mean queue is the rate of requests leaving it times their mean holding time.
        var gaps = runs.Select(r => r.MeanQueue - r.Ended / (Until - SteadyFrom).TotalSeconds * r.HoldingSeconds)
            .ToList();
        MeanWithinZero(gaps, "L - λW");
        // Drops: what Erlang predicts with the pruned holding time (a binomial count), far below B at 63 s.
        Confidence.BinomialWithin(drops, arrivals, atPruned, "SYNs dropped against B(λW, 97)");
        Assert.True(drops < arrivals * atSixtyThree / 10,
            $"{drops} drops; Erlang at 63 s predicts {arrivals * atSixtyThree:0}");
    }

    // The control: the same flood, the same seeds, the Erlang test's backlog of 1024: no request is pruned.
    [Fact]
    public async Task Without_pruning_every_request_holds_its_place_63_s_and_resends_five_times()
    {
        var run = await Run(seed: 1, backlog: 1024);
        Assert.Equal(63, run.HoldingSeconds);
        Assert.Equal(5, run.ResendsPerRequest);
        Assert.True(run.Drops > 0);
    }

    private static async Task<Replication> Run(ulong seed, int backlog)
    {
        var server = TestScenario.Server("web", "10.0.1.10", 80) with { Backlog = backlog };
        var scenario = TestScenario.Make([server], [],
            [TestScenario.Path("flood", "web", TestScenario.Fixed(5))],
            [TestScenario.Attacker("flood", "198.51.100.0", 256, "web", SynsPerSecond, stop: Until)], seed: seed) with
        {
            Duration = Until,
            SampleInterval = TimeSpan.FromSeconds(1),
            Profile = TcpProfile.Default with { TcpSyncookies = 0, TcpMaxSynBacklog = 128 },
        };
        var samples = await new LocalCluster(scenario).Scheduler.RunAsync(null, TestContext.Current.CancellationToken);
        var steady = samples.Where(s => s.VirtualTime > SteadyFrom && s.VirtualTime <= Until).ToList();
        var from = Host(samples.Single(s => s.VirtualTime == SteadyFrom), server.Address);
        var to = Host(samples.Single(s => s.VirtualTime == Until), server.Address);

        long ended = 0, resends = 0;
        double held = 0;
        for (int b = 0; b < to.SynReceivedBuckets.Length; b++)
        {
            long n = to.SynReceivedBuckets[b] - from.SynReceivedBuckets[b];
            if (n != 0 && !ExpiryBuckets.Contains(b))
                Assert.Fail($"{n} requests left after {DurationHistogram.Bounds[Math.Min(b, 13)]} s: not at an expiry");
            if (b < DurationHistogram.Bounds.Length) held += n * DurationHistogram.Bounds[b];
            resends += n * (b - 7);                      // left at 2^(r+1) - 1 s (bucket 7 + r): r SYN-ACKs resent
            ended += n;
        }
        return new Replication(
            samples.Single(s => s.VirtualTime == Until).Attackers[0].SpoofedSyns
                - samples.Single(s => s.VirtualTime == SteadyFrom).Attackers[0].SpoofedSyns,
            Count(to, TcpExt.ListenDrops) - Count(from, TcpExt.ListenDrops), ended, held / ended,
            steady.Average(s => (double)Host(s, server.Address).SynReceived), (double)resends / ended,
            steady.Max(s => Host(s, server.Address).SynReceived));
    }

    private static HostSample Host(RunSample s, uint address) => s.Hosts.Single(h => h.Host == address);

    private static long Count(HostSample h, TcpExt counter) => h.Counters[(int)counter];

    private static (double Mean, double StandardError) MeanAndError(IEnumerable<double> values)
    {
        var m = Moments.Of([.. values]);
        return (m.Mean, Math.Sqrt(m.Variance / m.N));
    }

    private static void MeanBelow(IEnumerable<double> values, double bound, string what)
    {
        var (mean, se) = MeanAndError(values);
        Assert.True(mean + Confidence.Z * se < bound,
            $"{what}: {mean:0.000} ± {Confidence.Z * se:0.000}, not below {bound}");
    }

    private static void MeanWithinZero(IEnumerable<double> values, string what)
    {
        var (mean, se) = MeanAndError(values);
        Assert.True(se > 0, $"{what}: replications identical");
        Confidence.Within(mean, 0, se, what);
    }
}
