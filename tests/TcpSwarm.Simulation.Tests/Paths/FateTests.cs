using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Paths.TestScenario;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Loss, duplication and reordering: their rates inside binomial intervals, and what each does to arrivals.
/// </summary>
public sealed class FateTests
{
    private const int N = 200_000;
    private const long TenMs = 10_000_000;

    private static List<(Instant SentAt, Transit Transit)> Run(Network network, int n, long spacingNs)
    {
        var sender = new Sender(network, Sender.Browser);
        var seg = Sender.ToWeb(TcpFlags.Ack | TcpFlags.Psh, length: 1000);
        var results = new List<(Instant, Transit)>(n);
        for (int i = 0; i < n; i++)
        {
            var at = new Instant(i * spacingNs);
            results.Add((at, sender.Send(in seg, at)));
        }
        return results;
    }

    [Fact]
    public void One_percent_loss_loses_one_segment_in_a_hundred()
    {
        var network = new Network(OnePath(Path("browsers", "web", Fixed(10), lossPpm: 10_000)));

        var results = Run(network, N, 1_000_000);

        long lost = results.Count(r => r.Transit.Fate == TransitFate.Lost);
        Confidence.BinomialWithin(lost, N, 0.01, "lost");
        Assert.All(results.Where(r => r.Transit.Fate == TransitFate.Lost),
            r => Assert.Equal(Instant.Never, r.Transit.FirstArrival));
        Assert.All(results, r => Assert.True(r.Transit.Fate is TransitFate.Lost or TransitFate.Delivered));
    }

    [Fact]
    public void A_duplicated_segment_arrives_twice_the_copy_with_its_own_delay()
    {
        var network = new Network(OnePath(Path("browsers", "web",
            new Model.LatencySpec.Uniform(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(15)),
            duplicatePpm: 20_000)));

        var results = Run(network, N, 1_000_000);

        var twice = results.Where(r => r.Transit.Fate == TransitFate.Duplicated).ToList();
        Confidence.BinomialWithin(twice.Count, N, 0.02, "duplicated");
        foreach (var (sentAt, transit) in twice)
        {
            Assert.InRange(transit.FirstArrival.Nanoseconds - sentAt.Nanoseconds, 5_000_000, 15_000_000);
            Assert.InRange(transit.SecondArrival.Nanoseconds - sentAt.Nanoseconds, 5_000_000, 15_000_000);
            Assert.True(transit.FirstArrival <= transit.SecondArrival);
        }
        // Two independent uniform draws almost never coincide to the ns: the copy did draw its own delay.
        Assert.True(twice.Count(r => r.Transit.FirstArrival != r.Transit.SecondArrival) > twice.Count * 0.99);
    }

    [Fact]
    public void A_reordered_segment_is_held_back_by_up_to_one_floor_plus_jitter_so_later_ones_overtake_it()
    {
        var network = new Network(OnePath(Path("browsers", "web", Fixed(10), jitter: TimeSpan.FromMilliseconds(2),
            reorderPpm: 50_000)));

        var results = Run(network, N, 100_000);          // back to back: one every 0.1 ms, against 10 ms of latency

        // Jitter alone reaches at most 12 ms; a reordered segment gets 1 ns to 12 ms more, so only it can exceed 12 ms.
        long late = results.Count(r => r.Transit.FirstArrival.Nanoseconds - r.SentAt.Nanoseconds > 12_000_000);
        Assert.All(results, r => Assert.InRange(r.Transit.FirstArrival.Nanoseconds - r.SentAt.Nanoseconds,
            TenMs, 24_000_000));
        // P(late) = P(reordered)·P(jitter + extra > 2 ms), jitter ~ U[0, 2 ms], extra ~ U(0, 12 ms]: 0.05·(1 - 1/12).
        Confidence.BinomialWithin(late, N, 0.05 * (1 - 1.0 / 12), "held beyond the jitter");
        int overtaken = 0;
        for (int i = 1; i < results.Count; i++)
            if (results[i].Transit.FirstArrival < results[i - 1].Transit.FirstArrival) overtaken++;
        Assert.True(overtaken > N / 100, $"only {overtaken} segments overtook the one sent before them");
    }

    [Fact]
    public void A_reordered_segments_extra_delay_is_uniform_from_one_ns_to_the_floor_plus_jitter()
    {
        var network = new Network(OnePath(Path("browsers", "web", Fixed(10), reorderPpm: 50_000)));

        var results = Run(network, N, 100_000);

        // With a fixed latency and no jitter, a segment is late exactly when it was reordered.
        var extras = results.Select(r => (double)(r.Transit.FirstArrival.Nanoseconds - r.SentAt.Nanoseconds - TenMs))
            .Where(extra => extra > 0).ToList();
        Confidence.BinomialWithin(extras.Count, N, 0.05, "reordered");
        Assert.All(extras, extra => Assert.InRange(extra, 1, TenMs));
        double k = TenMs;                              // the integers 1..k, equally likely
        Confidence.MeanWithin(Moments.Of(extras), (k + 1) / 2, (k * k - 1) / 12, "extra delay");
    }

    [Fact]
    public void Without_reordering_a_fixed_latency_keeps_the_send_order()
    {
        var network = new Network(OnePath(Path("browsers", "web", Fixed(10))));

        var results = Run(network, 10_000, 1);

        for (int i = 1; i < results.Count; i++)
            Assert.True(results[i].Transit.FirstArrival > results[i - 1].Transit.FirstArrival);
    }

    [Fact]
    public void Raising_the_loss_only_turns_delivered_segments_into_lost_ones_with_the_same_delays()
    {
        var latency = new Model.LatencySpec.Exponential(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(9));
        var clean = Run(new Network(OnePath(Path("browsers", "web", latency, duplicatePpm: 30_000))), 20_000, 1000);
        var lossy = Run(new Network(OnePath(Path("browsers", "web", latency, lossPpm: 300_000,
            duplicatePpm: 30_000))), 20_000, 1000);

        for (int i = 0; i < clean.Count; i++)
            if (lossy[i].Transit.Fate != TransitFate.Lost) Assert.Equal(clean[i].Transit, lossy[i].Transit);
        Assert.Contains(lossy, r => r.Transit.Fate == TransitFate.Lost);
    }

    [Fact]
    public void Every_delay_of_every_path_is_at_least_the_lookahead()
    {
        var scenario = Make([Server("web", "10.0.1.10", 443)],
            [Group("browsers", "10.0.0.0", 256, "web"), Group("mobile", "10.0.2.0", 256, "web")],
            [
                Path("browsers", "web", new Model.LatencySpec.Exponential(TimeSpan.FromMilliseconds(3),
                    TimeSpan.FromMilliseconds(4)), reorderPpm: 100_000, duplicatePpm: 100_000),
                Path("mobile", "web", new Model.LatencySpec.Normal(TimeSpan.FromMilliseconds(1),
                    TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(30)), reorderPpm: 100_000),
            ]);
        var network = new Network(scenario);
        Assert.Equal(TimeSpan.FromMilliseconds(1), network.Lookahead);

        var web = new Sender(network, Sender.Web);
        long lookaheadNs = network.Lookahead.Ticks * 100;
        for (int i = 0; i < 50_000; i++)
        {
            var at = new Instant(i * 7_000L);
            var seg = Sender.Seg(Sender.Web, 443, Ipv4.Parse(i % 2 == 0 ? "10.0.0.9" : "10.0.2.9"), 50_000,
                TcpFlags.Ack);
            var transit = web.Send(in seg, at);
            Assert.True(transit.FirstArrival.Nanoseconds - at.Nanoseconds >= lookaheadNs);
            if (transit.Fate == TransitFate.Duplicated)
                Assert.True(transit.SecondArrival.Nanoseconds - at.Nanoseconds >= lookaheadNs);
        }
    }
}
