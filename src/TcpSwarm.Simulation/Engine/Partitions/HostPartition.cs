using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The hosts one silo owns: their events in one queue, the attackers that flood them, and the segments they
/// send to hosts elsewhere, handed over once per window.</summary>
/// <remarks>
/// A plain object with the steps of a window (<see cref="BeginWindow"/>, <see cref="CollectOutputs"/>,
/// <see cref="Outbox"/>, <see cref="EndWindow"/>): its driver, the partition grain or <see cref="LocalCluster"/>,
/// calls them in order and runs the hosts and the exchange between them; the partition calls out to no one.
/// A host handles its events in (instant, source, per-source sequence) order whatever order they reach this queue in,
/// and every draw comes from a per-sender stream, so the way hosts are spread over partitions changes no result.
/// A segment sent in a window arrives at least the lookahead later, in a later window, so what other partitions
/// deliver during a window is never due before it ends. Delivery may interleave with a window only while the window
/// waits for its hosts or its own deliveries.
/// </remarks>
public sealed partial class HostPartition
{
    private readonly Scenario _scenario;
    private readonly Network _network;
    private readonly PartitionMap _map;
    private readonly EventQueue _queue = new();
    private readonly Dictionary<uint, HostBatch> _batches = [];
    private readonly List<HostBatch> _due = [];
    private readonly List<Arrival>[] _outbox;
    private readonly long[] _sent, _received, _early;
    private Instant _window = Instant.Zero - TimeSpan.FromTicks(1);   // the end of the window begun last
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
        _early = new long[map.Count];
        for (int i = 0; i < scenario.Attackers.Count; i++)
        {
            if (map.Attackers[i] != index) continue;
            var a = scenario.Attackers[i];
            var flood = new SynFlood(a, scenario.Server(a.Target), scenario.Seed);
            _attackers.Add(new Attacker(i, flood, Network.SenderStream(scenario.Seed, flood.Entity),
                AttackerSource(i), _end));
        }
        SeedConnects();
    }

    /// <summary>This partition's number, 0 to the map's count − 1.</summary>
    public int Index { get; }

    /// <summary>The hosts this partition owns, in address order.</summary>
    public IReadOnlyList<uint> Hosts { get; }

    /// <summary>Events handled so far by this partition's hosts.</summary>
    public long Events { get; private set; }

    /// <summary>The earliest event due here: a queued one or an attacker's next SYN; <see cref="Instant.Never"/>.
    /// </summary>
    public Instant NextEventAt()
    {
        _queue.TryPeek(out var next);
        foreach (var a in _attackers)
        {
            if (a.HasNext) next = Instant.Min(next, a.NextAt);
            if (a.InFlight.TryPeek(out var syn)) next = Instant.Min(next, syn.At);
        }
        return next;
    }

    /// <summary>Segments another partition's hosts sent in the window ending at <paramref name="window"/>, due here
    /// in a later one.</summary>
    /// <remarks>A faster partition may deliver before this one has begun that window: such arrivals are counted as
    /// early, so that each window's books hold exactly the deliveries of the windows before it.</remarks>
    public void Deliver(int from, Instant window, IReadOnlyList<Arrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        foreach (var a in arrivals)
        {
            if (_map.Of(a.To) != Index)
                throw new InvalidOperationException($"{Ipv4.Format(a.To)} is not a host of partition {Index}");
            _queue.Enqueue(a.To, a.Event);
        }
        if (window > _window) _early[from] += arrivals.Count;
        else _received[from] += arrivals.Count;
    }

    /// <summary>Puts a segment on its way to one of this partition's hosts as if the network delivered it then: a
    /// stray, a forgery, a test. Its order key comes after every other source's, so it displaces no scenario event.
    /// </summary>
    public void Inject(in Segment seg, Instant arrivesAt)
    {
        var e = new HostEvent(HostEventKind.Arrival, arrivesAt, ulong.MaxValue, _injected++, seg);
        _queue.Enqueue(seg.DstAddr, e);
    }

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
                        _queue.Enqueue(host, new HostEvent(HostEventKind.Connect, start, host, -1 - k));
                    continue;
                }
                var first = schedule.Next(Instant.FromSeconds(-1), out int connects);
                if (first < _end)
                    _queue.Enqueue(host,
                        new HostEvent(HostEventKind.Connect, first, host, -1, Slot: 1, Server: connects));
            }
    }

    private sealed class Attacker
    {
        public Attacker(int index, SynFlood flood, SimRandom random, ulong source, Instant end)
        {
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
