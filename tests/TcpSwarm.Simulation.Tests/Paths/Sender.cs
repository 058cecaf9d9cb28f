using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>A test host that sends segments through the network from its own stream, as the engine keeps one.
/// </summary>
internal sealed class Sender(Network network, uint address, ulong seed = 42)
{
    private SimRandom _rng = Network.SenderStream(seed, address);

    public static readonly uint Browser = Ipv4.Parse("10.0.0.1");
    public static readonly uint Web = Ipv4.Parse("10.0.1.10");

    public ulong Draws => _rng.Counter;

    public Transit Send(in Segment seg, Instant at) => network.Send(in seg, at, ref _rng);

    public static Segment Seg(uint from, ushort fromPort, uint to, ushort toPort, TcpFlags flags, ushort length = 0) =>
        new(from, fromPort, to, toPort, new SeqNum(1000), new SeqNum(2000), flags, 64_240, length);

    /// <summary>A pure ACK from the browser 10.0.0.1:40000 to web 10.0.1.10:443.</summary>
    public static Segment ToWeb(TcpFlags flags = TcpFlags.Ack, ushort length = 0) =>
        Seg(Browser, 40_000, Web, 443, flags, length);

    /// <summary>The n one-way delays, in ns, of n segments sent 1 ms apart from the browser to web.</summary>
    public static List<double> DelaysNs(Network network, int n)
    {
        var sender = new Sender(network, Browser);
        var delays = new List<double>(n);
        var seg = ToWeb();
        for (int i = 0; i < n; i++)
        {
            var sentAt = Instant.FromMilliseconds(i);
            var transit = sender.Send(in seg, sentAt);
            Assert.Equal(TransitFate.Delivered, transit.Fate);
            delays.Add(transit.FirstArrival.Nanoseconds - sentAt.Nanoseconds);
        }
        return delays;
    }
}
