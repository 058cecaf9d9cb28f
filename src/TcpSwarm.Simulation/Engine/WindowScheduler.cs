using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;
using NetworkModel = TcpSwarm.Simulation.Network.Network;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Conservative windowed synchronisation (DESIGN.md §2): advances virtual time in windows no longer than the lookahead.</summary>
/// <remarks>
/// Every segment takes at least the lookahead L to arrive, so a segment sent in a window lands in a later one and
/// every host can run its window's events in order without waiting for anyone. A window also ends at each sampling
/// instant, so samples never fall inside one; empty stretches are skipped by jumping to the next event. Attackers'
/// spoofed SYNs are generated here, ahead of the window that sends them, from each attacker's own random stream.
/// </remarks>
public sealed partial class WindowScheduler
{
    private readonly Scenario _scenario;
    private readonly IHostInvoker _hosts;
    private readonly NetworkModel _network;
    private readonly PriorityQueue<(uint Host, HostEvent Event), long> _queue = new();
    private readonly Dictionary<uint, HostBatch> _batches = [];
    private readonly List<HostBatch> _due = [];
    private readonly Attacker[] _attackers;
    private readonly Instant _end;
    private readonly TimeSpan _lookahead;

    public WindowScheduler(Scenario scenario, IHostInvoker hosts, NetworkModel network)
    {
        _scenario = scenario;
        _hosts = hosts;
        _network = network;
        _end = Instant.FromSeconds(scenario.Duration.TotalSeconds);
        _lookahead = scenario.Lookahead;
        Hosts = HostAddresses(scenario);
        _attackers = new Attacker[scenario.Attackers.Count];
        for (int i = 0; i < _attackers.Length; i++)
        {
            var a = scenario.Attackers[i];
            var flood = new SynFlood(a, scenario.Server(a.Target)!, scenario.Seed);
            _attackers[i] = new Attacker(flood, NetworkModel.SenderStream(scenario.Seed, flood.Entity), AttackerSource(i));
        }
        SeedConnects();
    }

    /// <summary>Every simulated host's address, sorted: servers and each client group's addresses.</summary>
    public IReadOnlyList<uint> Hosts { get; }

    public long Windows { get; private set; }
    public long Events { get; private set; }
    public Instant Now { get; private set; }

    /// <summary>Puts a segment on its way to a host as if the network delivered it then: a stray, a forgery, a test.</summary>
    /// <remarks>Its order key comes after every other source's, so it never displaces a scenario's own events.</remarks>
    public void Inject(in Segment seg, Instant arrivesAt)
    {
        var e = new HostEvent(HostEventKind.Arrival, arrivesAt, ulong.MaxValue, _injected++, seg);
        _queue.Enqueue((seg.DstAddr, e), arrivesAt.Nanoseconds);
    }

    private long _injected;

    /// <summary>Attackers are sources, not hosts: their order key sits above every IPv4 address.</summary>
    private static ulong AttackerSource(int index) => (1UL << 32) + (ulong)index;

    public static IReadOnlyList<uint> HostAddresses(Scenario scenario)
    {
        var set = new SortedSet<uint>();
        foreach (var s in scenario.Servers) set.Add(s.Address);
        foreach (var c in scenario.Clients)
            for (int i = 0; i < c.Addresses.Count; i++) set.Add(c.Addresses.First + (uint)i);
        return [.. set];
    }

    // Open loops start at each address's first scheduled connect(); closed loops start all their connects at Start.
    private void SeedConnects()
    {
        foreach (var group in _scenario.Clients)
            for (int i = 0; i < group.Addresses.Count; i++)
            {
                uint host = group.Addresses.First + (uint)i;
                var schedule = ConnectSchedule.For(group, i, _scenario.Seed);
                if (schedule.IsClosedLoop)
                {
                    var start = Instant.FromSeconds(group.Start.TotalSeconds);
                    for (int k = 0; k < schedule.Concurrent; k++)
                        _queue.Enqueue((host, new HostEvent(HostEventKind.Connect, start, host, -1 - k)), start.Nanoseconds);
                    continue;
                }
                var first = schedule.Next(Instant.FromSeconds(-1), out int connects);
                if (first < _end)
                    _queue.Enqueue((host, new HostEvent(HostEventKind.Connect, first, host, -1, Slot: 1, Server: connects)),
                        first.Nanoseconds);
            }
    }

    private sealed class Attacker(SynFlood flood, SimRandom random, ulong source)
    {
        public readonly SynFlood Flood = flood;
        public SimRandom Random = random;
        public readonly ulong Source = source;
        public long Seq, Sent, Lost;
        public bool HasNext;
        public Instant NextAt;
        public Segment NextSyn;
        public bool Primed;
    }
}
