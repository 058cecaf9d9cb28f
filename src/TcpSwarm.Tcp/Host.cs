namespace TcpSwarm.Tcp;

/// <summary>One simulated host (one IPv4 address): its listeners, full-socket table, TIME_WAIT records and
/// ports.</summary>
/// <remarks>
/// The demultiplexer mirrors Linux's lookup in tcp_v4_rcv: the established hash first (full sockets and TIME_WAIT
/// records; request entries live in their listener), then the listener on the port, else the RST of
/// tcp_v4_send_reset. Hand-overs (request to full socket, full socket to TIME_WAIT) are updates of these tables at
/// the instant they happen. Full sockets themselves (their Tcbs) live with the caller, keyed by 4-tuple.
/// A host counts a 4-tuple toward "ports in use" for its destination when its local port lies in
/// ip_local_port_range and no listener owns that port.
/// </remarks>
public sealed partial class Host
{
    private readonly ulong _secret;
    private readonly HashSet<SocketPair> _sockets = [];
    private readonly Dictionary<ushort, Listener[]> _listeners = [];
    private readonly Dictionary<(uint Addr, ushort Port), int> _portsInUse = [];
    // Per destination, a bit per local port whose ephemeral 4-tuple is held (full socket or TIME_WAIT), and a bit per
    // listening port: connect()'s scan tests a bit instead of three tables, and its verdicts stay the same.
    private readonly Dictionary<(uint Addr, ushort Port), ulong[]> _occupied = [];
    private readonly ulong[] _listening = new ulong[1024];
    private readonly HashSet<uint> _provenPeers = [];

    public Host(uint address, TcpProfile profile, ulong seed)
    {
        Address = address;
        Profile = profile;
        _secret = KeyedHash.Of(seed, address, 0x686F7374);
        Counters = new TcpExtCounters();
        TimeWait = new TimeWaitTable(profile, Counters);
        Ports = new EphemeralPorts(profile, _secret, seed);
    }

    public uint Address { get; }
    public TcpProfile Profile { get; }
    public TcpExtCounters Counters { get; }
    public TimeWaitTable TimeWait { get; }
    public EphemeralPorts Ports { get; }

    /// <summary>Full sockets (SYN_SENT through LAST_ACK) this host's table lists.</summary>
    public int SocketCount => _sockets.Count;

    public bool HasSocket(in SocketPair tuple) => _sockets.Contains(tuple);

    public IEnumerable<Listener> Listeners => _listeners.Values.SelectMany(shards => shards);

    /// <summary>listen(): a listener on this host's address and the port, with the backlog as given to
    /// listen().</summary>
    public Listener Listen(ushort port, int backlog) => ListenShards(port, backlog, 1)[0];

    /// <summary>listen() on the same port by <paramref name="shards"/> SO_REUSEPORT sockets, each with its own
    /// queues.</summary>
    public IReadOnlyList<Listener> ListenShards(ushort port, int backlog, int shards)
    {
        if (_listeners.ContainsKey(port)) throw new InvalidOperationException($"port {port} already listens");
        var group = new Listener[shards];
        for (int i = 0; i < shards; i++) group[i] = new Listener(Address, port, backlog, Profile, _secret);
        _listeners.Add(port, group);
        _listening[port >> 6] |= 1UL << (port & 63);
        return group;
    }

    /// <summary>The listener on the port (its first shard).</summary>
    public bool TryGetListener(ushort port, out Listener listener)
    {
        var found = _listeners.TryGetValue(port, out var shards);
        listener = found ? shards![0] : null!;
        return found;
    }

    // reuseport_select_sock: a hash of the 4-tuple picks the shard, so every segment of a connection (SYN, the ACK
    // that completes its request, a cookie ACK) reaches the same listener.
    public bool TryGetListener(in SocketPair tuple, out Listener listener)
    {
        if (!_listeners.TryGetValue(tuple.LocalPort, out var shards))
        {
            listener = null!;
            return false;
        }
        listener = shards.Length == 1 ? shards[0] : shards[KeyedHash.Of(_secret, in tuple) % (ulong)shards.Length];
        return true;
    }

    /// <summary>secure_tcp_ts_off: one timestamp offset per address pair; none when tcp_timestamps is not 1.</summary>
    public uint TsOffset(uint remote) => Profile.TcpTimestamps == 1 ? (uint)KeyedHash.Of(_secret, Address, remote) : 0;

    /// <summary>Ephemeral 4-tuples toward one destination held by full sockets or TIME_WAIT records.</summary>
    public int PortsInUse(uint daddr, ushort dport) => _portsInUse.GetValueOrDefault((daddr, dport));

    /// <summary>The peer has completed a connection here before (tcp_peer_is_proven; read by the quarter
    /// rule).</summary>
    public bool IsProven(uint peer) => _provenPeers.Contains(peer);

    private bool CountsAsEphemeral(in SocketPair t) =>
        t.LocalPort >= Profile.IpLocalPortRangeLow && t.LocalPort <= Profile.IpLocalPortRangeHigh
        && !_listeners.ContainsKey(t.LocalPort);

    private void PortTaken(in SocketPair t)
    {
        if (!CountsAsEphemeral(in t)) return;
        var key = (t.RemoteAddr, t.RemotePort);
        _portsInUse[key] = _portsInUse.GetValueOrDefault(key) + 1;
        if (!_occupied.TryGetValue(key, out var bits)) _occupied.Add(key, bits = new ulong[1024]);
        bits[t.LocalPort >> 6] |= 1UL << (t.LocalPort & 63);
    }

    private void PortFreed(in SocketPair t)
    {
        if (!CountsAsEphemeral(in t)) return;
        var key = (t.RemoteAddr, t.RemotePort);
        int left = _portsInUse.GetValueOrDefault(key) - 1;
        if (left > 0) _portsInUse[key] = left;
        else _portsInUse.Remove(key);
        if (_occupied.TryGetValue(key, out var bits)) bits[t.LocalPort >> 6] &= ~(1UL << (t.LocalPort & 63));
    }

    private static bool IsSet(ulong[] bits, ushort port) => (bits[port >> 6] & (1UL << (port & 63))) != 0;
}
