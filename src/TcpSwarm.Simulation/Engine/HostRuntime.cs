using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One simulated host at run time: its TCP tables, the applications on it, and the endpoints it owns.</summary>
/// <remarks>
/// Lives in a host grain (or directly in the local runner). The host's demultiplexer decides every segment's owner;
/// full sockets are endpoints in numbered slots, reused once their connection has ended, so an endpoint grain serves
/// many connections in turn and activations follow the peak of live sockets, not the number of connections.
/// A window's work runs in rounds: the host's own events in order, then its endpoints' inputs; segments an endpoint
/// bounced (its connection had ended) and closed-loop reconnects go round again at their own instants.
/// Table changes an endpoint reports (TIME_WAIT, close) take effect when its round ends, at most the lookahead later
/// than in Linux; a connect() in that gap sees the 4-tuple busy a little longer.
/// </remarks>
public sealed partial class HostRuntime
{
    private readonly Scenario _scenario;
    private readonly Network _network;
    private readonly Host _host;
    private readonly List<ServerRole> _servers = [];             // one per SO_REUSEPORT shard, in scenario order
    private readonly Dictionary<Listener, ServerRole> _roleOf = new(ReferenceEqualityComparer.Instance);
    private readonly ClientRole? _client;
    private readonly Dictionary<SocketPair, int> _slotByTuple = [];
    private readonly List<SocketPair> _tupleBySlot = [];
    private readonly Stack<int> _freeSlots = new();
    private SimRandom _sendRandom;
    private readonly FlowOrder _flowOrder = new();      // this host's flows in flight, kept in order
    private long _sendSeq, _selfSeq;

    public HostRuntime(uint address, Scenario scenario, Network network)
    {
        Address = address;
        _scenario = scenario;
        _network = network;
        _host = new Host(address, scenario.Profile, scenario.Seed);
        _sendRandom = Network.SenderStream(scenario.Seed, address);
        for (int i = 0; i < scenario.Servers.Count; i++)
        {
            var spec = scenario.Servers[i];
            if (spec.Address != address) continue;
            var shards = _host.ListenShards(spec.Port, spec.Backlog, Math.Max(1, spec.ReusePort));
            for (int k = 0; k < shards.Count; k++)
            {
                var role = new ServerRole(i, k, shards.Count, spec, shards[k], _servers.Count)
                {
                    Workers = spec.Accept is AcceptSpec.Workers w
                        ? new AcceptWorkers(w, k, shards.Count, scenario.Seed, spec.Address, spec.Port)
                        : null,
                };
                _servers.Add(role);
                _roleOf.Add(shards[k], role);
            }
        }
        for (int g = 0; g < scenario.Clients.Count; g++)
        {
            var group = scenario.Clients[g];
            int index = group.Addresses.IndexOf(address);
            if (index < 0) continue;
            var target = scenario.Server(group.Target)!;
            int server = IndexOf(scenario, target);
            _client = new ClientRole(g, group, target, ConnectSchedule.For(group, index, scenario.Seed),
                SessionPlan.For(true, g, server, group.Session, target, scenario.Seed));
            break;
        }
    }

    public uint Address { get; }
    public HostBooks Books { get; } = new();
    /// <summary>Which client group this host belongs to (-1 for none).</summary>
    public int ClientGroup => _client?.Group ?? -1;

    private static int IndexOf(Scenario scenario, ServerSpec target)
    {
        for (int i = 0; i < scenario.Servers.Count; i++)
            if (ReferenceEquals(scenario.Servers[i], target)) return i;
        return -1;
    }

    /// <summary>Whether a slot holds a connection now (not yet ended).</summary>
    public bool IsLive(int slot) => slot < _tupleBySlot.Count && _slotByTuple.TryGetValue(_tupleBySlot[slot], out int s)
                                    && s == slot;

    private int NewSlot(in SocketPair tuple)
    {
        if (!_freeSlots.TryPop(out int slot))
        {
            slot = _tupleBySlot.Count;
            _tupleBySlot.Add(default);
        }
        _tupleBySlot[slot] = tuple;
        _slotByTuple[tuple] = slot;
        return slot;
    }

    private void FreeSlot(int slot)
    {
        _slotByTuple.Remove(_tupleBySlot[slot]);
        _tupleBySlot[slot] = default;
        _freeSlots.Push(slot);
    }

    // One listening socket of a server: the whole server, or one of its SO_REUSEPORT shards, with its own accept().
    private sealed class ServerRole(int index, int shard, int shards, ServerSpec spec, Listener listener, int position)
    {
        public readonly int Index = index;
        public readonly int Shard = shard;
        public readonly int Shards = shards;
        public readonly int Position = position;
        public readonly ServerSpec Spec = spec;
        public readonly Listener Listener = listener;
        public Instant NextAccept;
        public bool TickPending;
        public long Accepted;
        public AcceptWorkers? Workers { get; init; }
    }

    private sealed record ClientRole(int Group, ClientGroupSpec Spec, ServerSpec Target, ConnectSchedule Schedule,
        SessionPlan Plan);
}
