using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Two hosts, a client and a server, joined by a wire of fixed one-way latency, run in virtual time.</summary>
/// <remarks>
/// The scheduler's test twin, and the one harness the TCP model's tests drive it with: events run in (instant,
/// insertion order); Tcb timers keep one deadline per kind and a stale heap entry is skipped; host timers are checked
/// by the host itself. The application is scripted (user calls at chosen instants, any call on a side's Tcb, calls
/// once a condition holds) and, when a <see cref="Session"/> is given, reacts as a request/response client and server
/// do. A test can also make a Tcb before connect() (<see cref="Socket"/>), open both sides at once
/// (<see cref="SocketOnServer"/>), put segments of its own on the wire, and drive the listener directly as its peer.
/// Shared by the tests and the benchmarks, so it allocates nothing per event on the steady path.
/// </remarks>
public sealed partial class Wire
{
    public static readonly uint ClientAddr = Ipv4.Parse("10.0.0.1");
    public static readonly uint ServerAddr = Ipv4.Parse("10.0.1.10");
    public const ushort ServerPort = 80;

    // The heap orders small slot numbers; the events themselves stay put in a slot array, so a sift moves 4 bytes.
    private readonly PriorityQueue<int, (long At, long Seq)> _events = new();
    private Event[] _slots = new Event[256];
    private readonly Stack<int> _freeSlots = new();
    private int _slotsUsed;
    private readonly Dictionary<SocketPair, FullSocket>[] _sockets = [new(), new()];
    private readonly Dictionary<SocketPair, int> _connByServerTuple = [];
    private readonly Listener? _listener;
    private long _seq;

    public Wire(TcpProfile profile, long oneWayMs = 10, int backlog = 128, ulong seed = 42,
        uint clientAddr = 0, uint serverAddr = 0, TcpProfile? serverProfile = null, bool listen = true)
    {
        Profile = profile;
        OneWay = TimeSpan.FromMilliseconds(oneWayMs);
        Client = new Host(clientAddr != 0 ? clientAddr : ClientAddr, profile, seed);
        Server = new Host(serverAddr != 0 ? serverAddr : ServerAddr, serverProfile ?? profile, seed);
        _listener = listen ? Server.Listen(ServerPort, backlog) : null;
    }

    public TcpProfile Profile { get; }
    public TimeSpan OneWay { get; }
    public Host Client { get; }
    public Host Server { get; }
    /// <summary>The server's listener on <see cref="ServerPort"/> (a wire built with listen: false has
    /// none).</summary>
    public Listener Listener => _listener ?? throw new InvalidOperationException("this wire's server does not listen");
    public Instant Now { get; private set; }

    /// <summary>Puts a segment on the wire now, as if a side had sent it (an old duplicate, a stray, a
    /// forgery).</summary>
    public void Inject(in Segment seg, Dir dir) => Transmit(dir == Dir.C2S ? 0 : 1, in seg, injected: true);

    /// <summary>A segment from outside the wire (an attacker, an old duplicate) that arrives at that instant; no
    /// loss rule applies to it.</summary>
    public void Deliver(Instant at, Dir dir, in Segment seg) =>
        Schedule(at,
            new Event { Kind = EventKind.Arrival, Side = dir == Dir.C2S ? 1 : 0, Segment = seg, Injected = true });

    /// <summary>The server application accepts every admitted child at once (false: it never calls accept()).</summary>
    public bool ServerAccepts { get; set; } = true;
    /// <summary>Both applications read whatever arrives at once (false: data stays unread, so close() sends
    /// RST).</summary>
    public bool AutoRead { get; set; } = true;
    /// <summary>When set, applications behave as this request/response session; otherwise only scripted calls
    /// act.</summary>
    public Session? Session { get; set; }
    /// <summary>Counts events handled (segment arrivals, timers, user calls): the benchmark's unit of work.</summary>
    public long EventsHandled { get; private set; }
    public List<Connection> Connections { get; } = [];

    /// <summary>Runs events up to and including the instant; time stops there.</summary>
    public void RunUntil(Instant until)
    {
        while (_events.TryPeek(out _, out var key) && key.At <= until.Nanoseconds)
        {
            int slot = _events.Dequeue();
            Now = new Instant(key.At);
            EventsHandled++;
            // Read in place and freed after: the slot is not reused meanwhile, and should Schedule grow the array,
            // the reference still reads this event in the old one. An Event holds no references, so nothing to clear.
            Dispatch(in _slots[slot]);
            _freeSlots.Push(slot);
        }
        if (until > Now) Now = until;
    }

    public void RunUntilMs(long ms) => RunUntil(Instant.FromMilliseconds(ms));

    /// <summary>Runs until nothing is left to happen (bounded: throws past the limit, which would be our
    /// bug).</summary>
    public void RunToEnd(long maxEvents = 100_000_000)
    {
        long start = EventsHandled;
        while (_events.TryPeek(out _, out var key))
        {
            if (EventsHandled - start > maxEvents) throw new InvalidOperationException("the wire did not settle");
            RunUntil(new Instant(key.At));
        }
    }

    /// <summary>Schedules connect() on the client at an instant; returns the connection's index.</summary>
    public int Connect(Instant at, ushort localPort = 0, ushort remotePort = ServerPort)
    {
        Connections.Add(new Connection { LocalPort = localPort, RemotePort = remotePort });
        int index = Connections.Count - 1;
        Schedule(at, new Event { Kind = EventKind.User, Call = UserCall.Connect, Conn = index });
        return index;
    }

    public void Call(Instant at, int conn, UserCall call, int bytes = 0) =>
        Schedule(at, new Event { Kind = EventKind.User, Call = call, Conn = conn, Bytes = bytes });

    private void Schedule(Instant at, in Event e)
    {
        if (!_freeSlots.TryPop(out int slot))
        {
            if (_slotsUsed == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
            slot = _slotsUsed++;
        }
        _slots[slot] = e;
        _events.Enqueue(slot, (at.Nanoseconds, _seq++));
    }

    private Host HostAt(int side) => side == 0 ? Client : Server;

    /// <summary>The full socket a side holds for a connection, if any.</summary>
    public Tcb? TcbOf(int side, in SocketPair tuple) =>
        _sockets[side].TryGetValue(tuple, out var s) ? s.Tcb : null;
}
