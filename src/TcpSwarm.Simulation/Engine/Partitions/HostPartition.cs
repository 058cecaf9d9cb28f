using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The hosts one silo owns: their events in two queues (border and inner hosts), the attackers that flood
/// them, the segments they send to hosts elsewhere, and how far the peers that can send here have promised to have
/// got.</summary>
/// <remarks>
/// A plain object with the steps of a leg (<see cref="Next"/>, <see cref="BeginWindow"/>, <see cref="CollectOutputs"/>,
/// <see cref="Messages"/>, <see cref="Sent"/>, <see cref="Deliver"/>, <see cref="EndLeg"/>): its driver, the partition
/// grain or <see cref="LocalCluster"/>, calls them in order and runs the hosts and the exchange between them; the
/// partition calls out to no one.
/// A host handles its events in (instant, source, per-source sequence) order whatever order they reach this queue in,
/// and every draw comes from a per-sender stream, so the way hosts are spread over partitions changes no result.
/// A segment sent in a window arrives at least the pair's lookahead later, and a window runs only once every peer has
/// promised to send nothing that could land in it, so what peers deliver is never due before the window run last
/// ends (<see cref="Deliver"/> checks it). Only border hosts (<see cref="CrossingPaths.IsBorder"/>) hear from peers:
/// the inner hosts run their windows on a track of their own, which never waits for a promise (<see cref="Next"/>).
/// </remarks>
public sealed partial class HostPartition
{
    private readonly Scenario _scenario;
    private readonly Network _network;
    private readonly PartitionMap _map;
    private readonly EventQueue[] _queues = [new(), new()];          // by HostTrack
    private readonly Dictionary<uint, HostBatch> _batches = [];
    private readonly List<HostBatch> _due = [];
    private readonly List<Arrival>[] _outbox;
    private readonly long[] _sent, _received;
    private readonly Instant[] _promised;                            // the last promise sent to each peer
    private readonly CrossingPaths _paths;
    private readonly InboundHorizon _horizon;
    private readonly WindowGrid _grid;
    private readonly Instant[] _ran = [Before, Before];               // by HostTrack: the end of its window begun last
    private Instant _counted = Before;                                // the latest window end counted in Windows
    private readonly TimeSpan _lookahead;
    private readonly List<Attacker> _attackers = [];
    private readonly Instant _end;
    private long _injected;

    public HostPartition(Scenario scenario, Network network, PartitionMap map, int index)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        _scenario = scenario;
        _network = network;
        _map = map;
        Index = index;
        _end = Instant.FromSeconds(scenario.Duration.TotalSeconds);
        Hosts = map.HostsOf(index);
        _outbox = new List<Arrival>[map.Count];
        for (int p = 0; p < map.Count; p++) _outbox[p] = [];
        _sent = new long[map.Count];
        _received = new long[map.Count];
        _promised = new Instant[map.Count];
        _paths = CrossingPaths.Of(scenario, map);
        _horizon = new InboundHorizon(_paths, index);
        _lookahead = scenario.Lookahead;
        _grid = new WindowGrid(scenario);
        for (int i = 0; i < scenario.Attackers.Count; i++)
        {
            if (map.Attackers[i] != index) continue;
            var a = scenario.Attackers[i];
            var flood = new SynFlood(a, scenario.Server(a.Target), scenario.Seed);
            _attackers.Add(new Attacker(i, flood, Network.SenderStream(scenario.Seed, flood.Entity),
                AttackerSource(i), _end, TrackOf(flood.Target)));
        }
        SeedConnects();
    }

    /// <summary>This partition's number, 0 to the map's count − 1.</summary>
    public int Index { get; }

    /// <summary>The hosts this partition owns, in address order.</summary>
    public IReadOnlyList<uint> Hosts { get; }

    /// <summary>Events handled so far by this partition's hosts.</summary>
    public long Events { get; private set; }

    /// <summary>Windows this partition has run so far.</summary>
    public long Windows { get; private set; }

    /// <summary>The earliest event due here: a queued one or an attacker's next SYN; <see cref="Instant.Never"/>.
    /// </summary>
    public Instant NextEventAt() => Instant.Min(NextEventAt(HostTrack.Border), NextEventAt(HostTrack.Inner));

    /// <summary>The earliest event due to one track's hosts: a queued one or the next SYN of an attacker flooding one.
    /// </summary>
    public Instant NextEventAt(HostTrack track)
    {
        _queues[(int)track].TryPeek(out var next);
        foreach (var a in _attackers)
        {
            if (a.Track != track) continue;
            if (a.HasNext) next = Instant.Min(next, a.NextAt);
            if (a.InFlight.TryPeek(out var syn)) next = Instant.Min(next, syn.At);
        }
        return next;
    }

    // Which track runs a host of this partition.
    private HostTrack TrackOf(uint host) => _paths.IsBorder(host) ? HostTrack.Border : HostTrack.Inner;

    private EventQueue QueueOf(uint host) => _queues[(int)TrackOf(host)];

    /// <summary>A peer's message: segments its hosts sent to this partition's, and its promise to send nothing more
    /// before <paramref name="through"/>.</summary>
    /// <remarks>Every arrival is due at or after the end of the window this partition began last: the peer sent it no
    /// earlier than its last promise, so at least the pair's lookahead later than what this partition took to be safe.
    /// One due earlier would be late, a broken promise, and stops the run rather than being handled out of order.
    /// </remarks>
    public void Deliver(int from, IReadOnlyList<Arrival> arrivals, Instant through)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        foreach (var a in arrivals)
        {
            if (_map.Of(a.To) != Index)
                throw new InvalidOperationException($"{Ipv4.Format(a.To)} is not a host of partition {Index}");
            if (!_paths.IsBorder(a.To))
                throw new InvalidOperationException(
                    $"{Ipv4.Format(a.To)} got a segment from partition {from}, yet no path joins it to that partition");
            var ran = _ran[(int)HostTrack.Border];
            if (a.Event.At < ran)
                throw new InvalidOperationException(
                    $"a segment from partition {from} for {Ipv4.Format(a.To)} is due at {a.Event.At}, before the end " +
                    $"of the window partition {Index} ran last, {ran}: late");
            _queues[(int)HostTrack.Border].Enqueue(a.To, a.Event);
        }
        _received[from] += arrivals.Count;
        _horizon.Promise(from, through);
    }

    /// <summary>Puts a segment on its way to one of this partition's hosts as if the network delivered it then: a
    /// stray, a forgery, a test. Its order key comes after every other source's, so it displaces no scenario event.
    /// </summary>
    public void Inject(in Segment seg, Instant arrivesAt)
    {
        var e = new HostEvent(HostEventKind.Arrival, arrivesAt, ulong.MaxValue, _injected++, seg);
        QueueOf(seg.DstAddr).Enqueue(seg.DstAddr, e);
    }

    private static Instant Before => Instant.Zero - TimeSpan.FromTicks(1);

    /// <summary>Attackers are sources, not hosts: their order key sits above every IPv4 address.</summary>
    private static ulong AttackerSource(int index) => (1UL << 32) + (ulong)index;

    // Open loops start at each address's first scheduled connect(); closed loops start all their connects at Start.
    private void SeedConnects()
    {
        foreach (var group in _scenario.Clients)
            for (int i = 0; i < group.Addresses.Count; i++)
            {
                uint host = group.Addresses[i];
                if (_map.Of(host) != Index) continue;
                var schedule = ConnectSchedule.For(group, i, _scenario.Seed);
                if (schedule.IsClosedLoop)
                {
                    var start = Instant.FromSeconds(group.Start.TotalSeconds);
                    for (int k = 0; k < schedule.Concurrent; k++)
                        QueueOf(host).Enqueue(host, new HostEvent(HostEventKind.Connect, start, host, -1 - k));
                    continue;
                }
                var first = schedule.Next(Instant.FromSeconds(-1), out int connects);
                if (first < _end)
                    QueueOf(host).Enqueue(host,
                        new HostEvent(HostEventKind.Connect, first, host, -1, Slot: 1, Server: connects));
            }
    }

    private sealed class Attacker
    {
        public Attacker(int index, SynFlood flood, SimRandom random, ulong source, Instant end, HostTrack track)
        {
            Track = track;
            Index = index;
            Flood = flood;
            Random = random;
            Source = source;
            End = end;
            Advance();
        }

        public readonly int Index;
        public readonly SynFlood Flood;
        public SimRandom Random;
        public readonly ulong Source;
        public readonly Instant End;
        public readonly HostTrack Track;                                  // its target's
        public long Seq, Sent, Lost;
        public readonly Queue<HostEvent> InFlight = new();               // delivered SYNs, in arrival order
        public Instant Tail;                                             // the last one's arrival
        public uint Target => Flood.Target;
        public bool HasNext;
        public Instant NextAt;
        public Segment NextSyn;

        public void Advance() => HasNext = Flood.TryNext(out NextAt, out NextSyn) && NextAt < End;
    }
}
