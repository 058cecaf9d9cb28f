using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Load.Arrivals;

namespace TcpSwarm.Simulation.Tests.Load;

/// <summary>A spoofed-SYN flood: Poisson at its rate inside its window, bare SYNs from its range to its target.
/// </summary>
public sealed class SynFloodTests
{
    private static readonly ServerSpec Web = TestScenario.Server("web", "10.0.1.10", 443);

    private static AttackerSpec Flood(double rate, double startS, double stopS, string name = "flood") =>
        TestScenario.Attacker(name, "198.51.100.0", 256, "web", rate, TimeSpan.FromSeconds(startS),
            TimeSpan.FromSeconds(stopS));

    private static List<(Instant At, Segment Syn)> Drain(SynFlood flood)
    {
        var syns = new List<(Instant, Segment)>();
        while (flood.TryNext(out var at, out var syn)) syns.Add((at, syn));
        return syns;
    }

    [Fact]
    public void Spoofed_syns_come_as_a_poisson_process_at_the_rate_inside_the_window()
    {
        var syns = Drain(new SynFlood(Flood(5000, 10, 30), Web, seed: 42));

        Confidence.PoissonWithin(syns.Count, 5000 * 20, "SYNs");
        var instants = syns.Select(s => s.At.Nanoseconds).ToList();
        Assert.All(instants, t => Assert.InRange(t, Ns(10), Ns(30) - 1));
        Assert.True(instants.Zip(instants.Skip(1)).All(p => p.First <= p.Second), "SYN instants go backwards");
        Confidence.CoefficientOfVariationNearOne(Moments.Of(Gaps(instants)), "SYN gaps");
    }

    [Fact]
    public void Each_syn_is_bare_from_a_spoofed_address_and_a_port_from_1024_to_the_target()
    {
        var syns = Drain(new SynFlood(Flood(5000, 0, 20), Web, seed: 42));

        var range = new AddressRange(Ipv4.Parse("198.51.100.0"), 256);
        foreach (var (_, syn) in syns)
        {
            Assert.True(range.Contains(syn.SrcAddr), $"{Ipv4.Format(syn.SrcAddr)} is outside the spoofed range");
            Assert.InRange(syn.SrcPort, (ushort)1024, (ushort)65535);
            Assert.Equal((Web.Address, Web.Port), (syn.DstAddr, syn.DstPort));
            Assert.Equal(TcpFlags.Syn, syn.Flags);
            Assert.Equal((TcpOptions.Mss, (ushort)1460, (ushort)0), (syn.Options, syn.Mss, syn.Length));
        }
        // Sources and ports are uniform: their means inside the discrete-uniform intervals; ISNs all differ.
        Confidence.MeanWithin(Moments.Of(syns.Select(s => (double)(s.Syn.SrcAddr - range.First)).ToList()), 127.5,
            (256.0 * 256 - 1) / 12, "source offset");
        Confidence.MeanWithin(Moments.Of(syns.Select(s => (double)s.Syn.SrcPort).ToList()), (1024 + 65535) / 2.0,
            (64512.0 * 64512 - 1) / 12, "source port");
        Assert.True(syns.Select(s => s.Syn.Seq).Distinct().Count() > syns.Count * 0.99);
    }

    [Fact]
    public void The_flood_stops_at_its_stop_for_good()
    {
        var flood = new SynFlood(Flood(100, 0, 1), Web, seed: 42);
        Drain(flood);

        Assert.False(flood.TryNext(out var at, out _));
        Assert.Equal(Instant.Never, at);
    }

    [Fact]
    public void The_same_seed_and_attacker_give_the_same_syns_and_another_attacker_others()
    {
        var first = Drain(new SynFlood(Flood(1000, 0, 5), Web, seed: 7));

        Assert.Equal(first, Drain(new SynFlood(Flood(1000, 0, 5), Web, seed: 7)));
        Assert.NotEqual(first, Drain(new SynFlood(Flood(1000, 0, 5), Web, seed: 8)));
        Assert.NotEqual(first, Drain(new SynFlood(Flood(1000, 0, 5, name: "flood2"), Web, seed: 7)));
        Assert.True(new SynFlood(Flood(1, 0, 1), Web, 7).Entity > uint.MaxValue);   // never a host's address
    }

    [Fact]
    public void A_target_other_than_the_attackers_is_refused()
    {
        var api = TestScenario.Server("api", "10.0.1.20", 80);

        Assert.Throws<ArgumentException>(() => new SynFlood(Flood(1, 0, 1), api, seed: 1));
    }

    [Fact]
    public void Many_syns_after_a_warm_up_allocate_nothing_per_syn()
    {
        var flood = new SynFlood(Flood(1_000_000, 0, 600), Web, seed: 42);
        long sink = 0;
        for (int i = 0; i < 10_000; i++)
        {
            flood.TryNext(out var at, out var syn);
            sink += at.Nanoseconds + syn.SrcPort;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500_000; i++)
        {
            Assert.True(flood.TryNext(out var at, out var syn));
            sink += at.Nanoseconds + syn.SrcPort;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Nothing per SYN: a few hundred bytes once (the JIT tiering a method up on a busy machine) are not the
        // flood's; one byte per SYN would already be 500 KB.
        Assert.InRange(allocated, 0, 4_096);
        Assert.NotEqual(0, sink);
    }
}
