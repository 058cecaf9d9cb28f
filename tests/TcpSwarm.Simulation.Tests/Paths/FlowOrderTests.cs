using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Paths.TestScenario;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>A path delays a flow's segments without reordering them: each arrives no earlier than the one sent
/// before it in the same direction of the same 4-tuple, unless the path asks for reordering.</summary>
public sealed class FlowOrderTests
{
    private const int N = 20_000;
    private static readonly Model.LatencySpec Jittery = new Model.LatencySpec.Normal(
        TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(5));

    // N data segments of one flow, 1 ms apart (closer than the latency's spread, so jitter alone would reorder).
    private static List<Transit> Flow(Network network, FlowOrder? order)
    {
        var rng = Network.SenderStream(42, Sender.Browser);
        var seg = Sender.ToWeb(TcpFlags.Ack | TcpFlags.Psh, length: 1000);
        var result = new List<Transit>(N);
        for (int i = 0; i < N; i++)
        {
            var at = Instant.FromMilliseconds(i);
            result.Add(network.Send(in seg, at, ref rng, order));
        }
        return result;
    }

    private static int Inversions(IReadOnlyList<Transit> arrivals)
    {
        int count = 0;
        for (int i = 1; i < arrivals.Count; i++)
            if (arrivals[i].FirstArrival < arrivals[i - 1].FirstArrival) count++;
        return count;
    }

    [Fact]
    public void Jitter_delays_a_flow_but_never_lets_a_segment_overtake_the_one_before_it()
    {
        var network = new Network(OnePath(Path("browsers", "web", Jittery)));

        var drawn = Flow(network, order: null);
        var kept = Flow(network, new FlowOrder());

        Assert.True(Inversions(drawn) > N / 10, $"only {Inversions(drawn)} inversions: the test's flow is too sparse");
        Assert.Equal(0, Inversions(kept));
        // The per-segment draw is untouched: each arrival is its own draw, or its predecessor's when that is later.
        long previous = long.MinValue;
        for (int i = 0; i < N; i++)
        {
            long expected = Math.Max(drawn[i].FirstArrival.Nanoseconds, previous);
            Assert.Equal(expected, kept[i].FirstArrival.Nanoseconds);
            previous = expected;
        }
    }

    [Fact]
    public void Order_is_kept_per_direction_of_a_4_tuple_so_another_flow_is_not_held_behind_it()
    {
        var network = new Network(OnePath(Path("browsers", "web", Fixed(10), jitter: TimeSpan.FromMilliseconds(8))));
        var order = new FlowOrder();
        var rng = Network.SenderStream(42, Sender.Browser);
        var otherRng = rng;
        var first = Sender.Seg(Sender.Browser, 40_000, Sender.Web, 443, TcpFlags.Ack);
        var second = Sender.Seg(Sender.Browser, 40_001, Sender.Web, 443, TcpFlags.Ack);

        var a = network.Send(in first, Instant.Zero, ref rng, order);
        var b = network.Send(in second, Instant.Zero, ref otherRng, order);   // the same draw, another 4-tuple

        Assert.Equal(a.FirstArrival, b.FirstArrival);
        Assert.Equal(2, order.Count);
    }

    [Fact]
    public void Keep_order_false_draws_each_segment_alone_as_before()
    {
        var network = new Network(OnePath(Path("browsers", "web", Jittery) with { KeepOrder = false }));

        Assert.Equal(Flow(network, order: null), Flow(network, new FlowOrder()));
    }

    [Fact]
    public void Reorder_holds_segments_back_and_only_those_are_overtaken()
    {
        var network = new Network(OnePath(Path("browsers", "web", Jittery, reorderPpm: 50_000)));

        var kept = Flow(network, new FlowOrder());

        var inOrder = kept.Where(t => !t.HeldBack).ToList();
        Assert.Equal(0, Inversions(inOrder));
        Assert.True(Inversions(kept) > 0, "no held-back segment was overtaken");
        Confidence.BinomialWithin(kept.Count(t => t.HeldBack), N, 0.05, "held back");
    }

    [Fact]
    public void Forgetting_flows_no_longer_in_flight_changes_no_arrival_and_frees_them()
    {
        var network = new Network(OnePath(Path("browsers", "web", Jittery)));

        var (remembered, heldAll) = ManyFlows(network, forget: false);
        var (forgotten, heldInFlight) = ManyFlows(network, forget: true);

        Assert.Equal(remembered, forgotten);
        Assert.Equal(4096, heldAll);
        Assert.InRange(heldInFlight, 1, 2 * 1024);   // only flows with a segment in flight, swept when it doubles
    }

    // N segments 1 ms apart over 4096 flows in turn (a port each); the sender forgets at each send, as a host does
    // at each window's start.
    private static (List<Transit> Arrivals, int Held) ManyFlows(Network network, bool forget)
    {
        var order = new FlowOrder();
        var rng = Network.SenderStream(42, Sender.Browser);
        var arrivals = new List<Transit>(N);
        for (int i = 0; i < N; i++)
        {
            var at = Instant.FromMilliseconds(i);
            if (forget) order.Forget(at);
            var seg = Sender.Seg(Sender.Browser, (ushort)(1024 + i % 4096), Sender.Web, 443, TcpFlags.Ack);
            arrivals.Add(network.Send(in seg, at, ref rng, order));
        }
        return (arrivals, order.Count);
    }
}
