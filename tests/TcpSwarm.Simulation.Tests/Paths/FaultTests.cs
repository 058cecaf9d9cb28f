using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Paths.TestScenario;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Scheduled faults take exactly the segments they name, in their window only, and draw nothing.</summary>
public sealed class FaultTests
{
    private static readonly uint Browser = Sender.Browser, Web = Sender.Web;
    private static readonly uint Other = Ipv4.Parse("10.0.2.5"), Op = Ipv4.Parse("10.0.4.5");
    private static readonly uint ApiClient = Ipv4.Parse("10.0.3.5"), Api = Ipv4.Parse("10.0.1.20");
    private static readonly uint Spoofed = Ipv4.Parse("198.51.100.77");

    // Two groups on web, one on admin (web's address, port 22), one on api; a flood on web; 10 ms everywhere.
    private static Network With(params FaultSpec[] faults) => new(Make(
        [Server("web", "10.0.1.10", 443), Server("admin", "10.0.1.10", 22), Server("api", "10.0.1.20", 80)],
        [
            Group("browsers", "10.0.0.0", 256, "web"), Group("others", "10.0.2.0", 256, "web"),
            Group("ops", "10.0.4.0", 256, "admin"), Group("apiclients", "10.0.3.0", 256, "api"),
        ],
        [
            Path("browsers", "web", Fixed(10)), Path("others", "web", Fixed(10)), Path("ops", "admin", Fixed(10)),
            Path("apiclients", "api", Fixed(10)), Path("flood", "web", Fixed(10)),
        ],
        attackers: [Attacker("flood", "198.51.100.0", 256, "web", 1000)],
        faults: faults));

    private static Segment Up(uint client, TcpFlags flags, ushort length = 0, uint server = 0, ushort port = 443) =>
        Sender.Seg(client, 40_000, server == 0 ? Web : server, port, flags, length);

    private static Segment Down(uint client, TcpFlags flags, ushort length = 0, uint server = 0, ushort port = 443) =>
        Sender.Seg(server == 0 ? Web : server, port, client, 40_000, flags, length);

    // The fate of one segment, and whether it took a draw from its sender's stream.
    private static (TransitFate Fate, bool Drew) Fate(Network network, in Segment seg, double atSeconds)
    {
        var sender = new Sender(network, seg.SrcAddr);
        var transit = sender.Send(in seg, new Instant((long)Math.Round(atSeconds * 1e9)));
        return (transit.Fate, sender.Draws > 0);
    }

    private static void AssertFaulted(Network network, in Segment seg, double atSeconds) =>
        Assert.Equal((TransitFate.Faulted, false), Fate(network, in seg, atSeconds));

    private static void AssertDelivered(Network network, in Segment seg, double atSeconds) =>
        Assert.Equal((TransitFate.Delivered, true), Fate(network, in seg, atSeconds));

    [Fact]
    public void Dropping_pure_acks_from_a_group_to_a_server_for_70_s_drops_only_those_in_that_window_drawing_nothing()
    {
        var network = With(new FaultSpec.Drop("browsers", "web", SegmentKinds.PureAck, TimeSpan.Zero,
            TimeSpan.FromSeconds(70)));

        foreach (double t in (double[])[0, 0.001, 35, 69.999999999])
        {
            AssertFaulted(network, Up(Browser, TcpFlags.Ack), t);
            AssertDelivered(network, Up(Browser, TcpFlags.Syn), t);
            AssertDelivered(network, Up(Browser, TcpFlags.Ack | TcpFlags.Psh, 100), t);   // data: not a pure ACK
            AssertDelivered(network, Up(Browser, TcpFlags.Fin | TcpFlags.Ack), t);
            AssertDelivered(network, Up(Browser, TcpFlags.Rst | TcpFlags.Ack), t);
            AssertDelivered(network, Down(Browser, TcpFlags.Ack), t);          // one direction only
            AssertDelivered(network, Up(Other, TcpFlags.Ack), t);              // another group on the same server
        }
        AssertDelivered(network, Up(Browser, TcpFlags.Ack), 70);               // Until is exclusive
        AssertDelivered(network, Up(Browser, TcpFlags.Ack), 75);
    }

    [Fact]
    public void A_drop_from_a_server_to_a_group_takes_only_that_direction()
    {
        var network = With(new FaultSpec.Drop("web", "browsers", SegmentKinds.SynAck, TimeSpan.FromSeconds(10),
            TimeSpan.FromSeconds(20)));

        AssertDelivered(network, Down(Browser, TcpFlags.Syn | TcpFlags.Ack), 9.999);
        AssertFaulted(network, Down(Browser, TcpFlags.Syn | TcpFlags.Ack), 10);
        AssertDelivered(network, Down(Browser, TcpFlags.Ack), 15);
        AssertDelivered(network, Down(Other, TcpFlags.Syn | TcpFlags.Ack), 15);
        AssertDelivered(network, Up(Browser, TcpFlags.Syn), 15);
        AssertDelivered(network, Down(Browser, TcpFlags.Syn | TcpFlags.Ack), 20);
    }

    [Fact]
    public void A_black_holed_server_loses_everything_to_and_from_it_and_nothing_else()
    {
        var network = With(new FaultSpec.BlackHole("web", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6)));

        AssertFaulted(network, Up(Browser, TcpFlags.Syn), 5);
        AssertFaulted(network, Down(Other, TcpFlags.Syn | TcpFlags.Ack), 5.5);
        AssertFaulted(network, Up(Spoofed, TcpFlags.Syn), 5.5);
        AssertDelivered(network, Up(Op, TcpFlags.Syn, port: 22), 5.5);          // admin shares web's address
        AssertDelivered(network, Down(Op, TcpFlags.Syn | TcpFlags.Ack, port: 22), 5.5);
        AssertDelivered(network, Up(ApiClient, TcpFlags.Syn, server: Api, port: 80), 5.5);
        AssertDelivered(network, Up(Browser, TcpFlags.Syn), 6);
    }

    [Fact]
    public void A_black_holed_group_loses_everything_to_and_from_it()
    {
        var network = With(new FaultSpec.BlackHole("browsers", TimeSpan.Zero, TimeSpan.FromSeconds(600)));

        AssertFaulted(network, Up(Browser, TcpFlags.Syn), 1);
        AssertFaulted(network, Down(Browser, TcpFlags.Syn | TcpFlags.Ack), 1);
        AssertDelivered(network, Up(Other, TcpFlags.Syn), 1);
        AssertDelivered(network, Down(Other, TcpFlags.Syn | TcpFlags.Ack), 1);
    }

    [Fact]
    public void A_partition_loses_everything_between_its_two_parties_both_ways()
    {
        var network = With(new FaultSpec.Partition("web", "others", TimeSpan.Zero, TimeSpan.FromSeconds(30)));

        AssertFaulted(network, Up(Other, TcpFlags.Syn), 0);
        AssertFaulted(network, Down(Other, TcpFlags.Syn | TcpFlags.Ack), 29.9);
        AssertDelivered(network, Up(Browser, TcpFlags.Syn), 10);
        AssertDelivered(network, Down(Browser, TcpFlags.Syn | TcpFlags.Ack), 10);
        AssertDelivered(network, Up(Other, TcpFlags.Syn), 30);
    }

    [Fact]
    public void Segments_to_spoofed_or_unknown_addresses_reach_no_host_and_draw_nothing()
    {
        var network = With();

        Assert.Equal((TransitFate.NoHost, false), Fate(network, Down(Spoofed, TcpFlags.Syn | TcpFlags.Ack), 1));
        Assert.Equal((TransitFate.NoHost, false),
            Fate(network, Down(Ipv4.Parse("8.8.8.8"), TcpFlags.Syn | TcpFlags.Ack), 1));
        AssertDelivered(network, Up(Spoofed, TcpFlags.Syn), 1);                // the flood's SYN does arrive
        Assert.False(network.HasHost(Spoofed));
        Assert.False(network.HasHost(Ipv4.Parse("8.8.8.8")));
        Assert.True(network.HasHost(Browser));
        Assert.True(network.HasHost(Ipv4.Parse("10.0.0.255")));
        Assert.False(network.HasHost(Ipv4.Parse("10.0.1.0")));
        Assert.True(network.HasHost(Web));
        Assert.True(network.HasHost(Api));
    }

    [Fact]
    public void A_fault_changes_nothing_for_senders_it_misses_nor_before_it_acts_and_later_ones_take_the_draws_it_left()
    {
        var path = Path("browsers", "web", new LatencySpec.Exponential(TimeSpan.FromMilliseconds(1),
            TimeSpan.FromMilliseconds(9)), lossPpm: 100_000);
        var plain = new Network(OnePath(path));
        var faulted = new Network(OnePath(path) with
        {
            Faults = [new FaultSpec.Drop("browsers", "web", SegmentKinds.PureAck, TimeSpan.FromSeconds(1),
                TimeSpan.FromSeconds(2))],
        });
        var (plainBrowser, faultedBrowser) = (new Sender(plain, Browser), new Sender(faulted, Browser));
        var (plainWeb, faultedWeb) = (new Sender(plain, Web), new Sender(faulted, Web));
        var (up, down) = (Up(Browser, TcpFlags.Ack), Down(Browser, TcpFlags.Ack));
        var plainUp = new List<Transit>();
        for (int ms = 0; ms < 3_000; ms++)
        {
            var at = Instant.FromMilliseconds(ms);
            Assert.Equal(plainWeb.Send(in down, at), faultedWeb.Send(in down, at));   // never hit: always equal
            var (p, f) = (plainBrowser.Send(in up, at), faultedBrowser.Send(in up, at));
            plainUp.Add(p);
            if (ms < 1_000) Assert.Equal(p, f);
            else if (ms < 2_000) Assert.Equal(TransitFate.Faulted, f.Fate);
            else Assert.Equal(Shifted(plainUp[ms - 1_000], -1_000_000_000), f);   // the draws the window left
        }
    }

    private static Transit Shifted(Transit t, long ns) => t.Fate is TransitFate.Delivered
        ? t with { FirstArrival = new Instant(t.FirstArrival.Nanoseconds - ns) }
        : t;
}
