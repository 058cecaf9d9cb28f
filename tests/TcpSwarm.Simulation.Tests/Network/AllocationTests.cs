using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Network.TestScenario;
using SimNetwork = TcpSwarm.Simulation.Network.Network;

namespace TcpSwarm.Simulation.Tests.Network;

/// <summary>Send allocates nothing per segment, whatever the fate.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Sending_many_segments_after_a_warm_up_allocates_nothing()
    {
        var network = new SimNetwork(Make([Server("web", "10.0.1.10", 443)],
            [Group("browsers", "10.0.0.0", 256, "web")],
            [Path("browsers", "web", new LatencySpec.Normal(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5),
                TimeSpan.FromMilliseconds(3)), TimeSpan.FromMilliseconds(1), 10_000, 10_000, 10_000),
             Path("flood", "web", Fixed(3))],
            attackers: [Attacker("flood", "198.51.100.0", 256, "web", 100)],
            faults:
            [
                new FaultSpec.Drop("browsers", "web", SegmentKinds.PureAck, TimeSpan.Zero, TimeSpan.FromSeconds(1)),
            ]));
        var rng = SimNetwork.SenderStream(1, Sender.Web);
        var toClient = Sender.Seg(Sender.Web, 443, Sender.Browser, 40_000, TcpFlags.Ack, 100);
        var toSpoofed = Sender.Seg(Sender.Web, 443, Ipv4.Parse("198.51.100.3"), 40_000, TcpFlags.Syn | TcpFlags.Ack);
        var pureAck = Sender.ToWeb();
        long sink = 0;

        void Burst(int n)
        {
            for (int i = 0; i < n; i++)
            {
                var at = new Instant(i * 1000L);
                sink += network.Send(in toClient, at, ref rng).FirstArrival.Nanoseconds;
                sink += (long)network.Send(in toSpoofed, at, ref rng).Fate;
                sink += (long)network.Send(in pureAck, at, ref rng).Fate;
            }
        }

        Burst(10_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Burst(300_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sink);
    }
}
