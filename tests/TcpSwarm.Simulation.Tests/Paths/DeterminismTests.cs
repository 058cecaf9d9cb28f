using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Paths.TestScenario;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Same seed, same fates; and a sender's fates depend only on its own sends, never on who else sent when.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly uint Browser2 = Ipv4.Parse("10.0.0.2");

    private static Scenario Busy() => OnePath(Path("browsers", "web",
        new LatencySpec.Normal(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(8),
            TimeSpan.FromMilliseconds(5)),
        jitter: TimeSpan.FromMilliseconds(1), lossPpm: 50_000, duplicatePpm: 50_000, reorderPpm: 50_000));

    // The k-th segment of each of three senders: two browsers and the server, each on its own clock.
    private static (uint Sender, Segment Seg, Instant At) Nth(int who, int k) => who switch
    {
        0 => (Sender.Browser, Sender.ToWeb(TcpFlags.Ack, (ushort)(k % 3 * 500)), new Instant(k * 1_000_003L)),
        1 => (Browser2, Sender.Seg(Browser2, 41_000, Sender.Web, 443, TcpFlags.Ack), new Instant(k * 777_001L)),
        _ => (Sender.Web, Sender.Seg(Sender.Web, 443, Sender.Browser, 40_000, TcpFlags.Ack), new Instant(k * 500_009L)),
    };

    // Sends `perSender` segments of each sender in the given order of senders, each with its own stream; returns
    // each sender's transits in its own send order.
    private static List<Transit>[] Replay(Network network, IEnumerable<int> order, ulong seed = 42)
    {
        uint[] addresses = [Sender.Browser, Browser2, Sender.Web];
        var senders = addresses.Select(a => new Sender(network, a, seed)).ToArray();
        var sent = new int[3];
        var transits = new[] { new List<Transit>(), new List<Transit>(), new List<Transit>() };
        foreach (int who in order)
        {
            var (_, seg, at) = Nth(who, sent[who]++);
            transits[who].Add(senders[who].Send(in seg, at));
        }
        return transits;
    }

    private static IEnumerable<int> OneAfterAnother(int perSender) =>
        Enumerable.Range(0, 3 * perSender).Select(i => i / perSender);

    // A fixed but irregular interleaving: each step picks a sender that still has segments, by a seeded stream.
    private static IEnumerable<int> Shuffled(int perSender, ulong key)
    {
        var left = new[] { perSender, perSender, perSender };
        var pick = new SimRandom(key);
        for (int i = 0; i < 3 * perSender; i++)
        {
            int who = (int)pick.NextBelow(3);
            while (left[who] == 0) who = (who + 1) % 3;
            left[who]--;
            yield return who;
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_transits()
    {
        var first = Replay(new Network(Busy()), Shuffled(5_000, 1));
        var second = Replay(new Network(Busy()), Shuffled(5_000, 1));

        for (int who = 0; who < 3; who++) Assert.Equal(first[who], second[who]);
        Assert.Contains(first[0], t => t.Fate == TransitFate.Lost);
        Assert.Contains(first[0], t => t.Fate == TransitFate.Duplicated);
    }

    [Fact]
    public void Another_seed_gives_other_transits()
    {
        var first = Replay(new Network(Busy()), OneAfterAnother(2_000), seed: 42);
        var second = Replay(new Network(Busy()), OneAfterAnother(2_000), seed: 43);

        Assert.NotEqual(first[0], second[0]);
    }

    [Fact]
    public void A_senders_transits_do_not_change_when_other_senders_segments_are_interleaved_differently()
    {
        var network = new Network(Busy());

        var sequential = Replay(network, OneAfterAnother(5_000));
        var interleaved = Replay(network, Shuffled(5_000, 7));
        var reversed = Replay(network, OneAfterAnother(5_000).Select(who => 2 - who));

        for (int who = 0; who < 3; who++)
        {
            Assert.Equal(sequential[who], interleaved[who]);
            Assert.Equal(sequential[who], reversed[who]);
        }
    }

    [Fact]
    public void Each_segment_that_reaches_a_path_takes_exactly_one_draw_from_its_senders_stream()
    {
        var network = new Network(Busy());
        var sender = new Sender(network, Sender.Browser);

        for (int k = 0; k < 1_000; k++)
        {
            var (_, seg, at) = Nth(0, k);
            sender.Send(in seg, at);
            Assert.Equal((ulong)(k + 1), sender.Draws);
        }
    }

    [Fact]
    public void The_three_streams_have_distinct_purposes()
    {
        ulong[] purposes = [Network.Purpose, ConnectSchedule.Purpose, SynFlood.Purpose];

        Assert.Equal(purposes.Length, purposes.Distinct().Count());
    }
}
