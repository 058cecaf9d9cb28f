using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>A <see cref="Wire"/> that writes down every segment as a ladder rung, with states after each
/// arrival, and what each side's steps did (events, counters, retransmissions, TIME_WAIT records).</summary>
/// <remarks>
/// Sequence numbers are written one way, in rungs and in the segments a test builds (<see cref="FromClient"/>,
/// <see cref="FromServer"/>): as Wireshark's relative numbers, relative to the ISN of the side they belong to, so a
/// test reads "SYN seq=0", "SYN,ACK seq=0 ack=1". The client's ISN is its first connection's ISS, known from
/// connect(); the server's is the first SYN it sent. A number of a side that has no ISN yet is raw, and an
/// acknowledgment number is relative only when the ACK bit is set. The side-by-side views (<see cref="Client"/>,
/// <see cref="StateOf"/>, ...) are of the first connection.
/// </remarks>
public sealed class Ladder
{
    private readonly List<(Dir Dir, Func<Segment, bool> Match, long FromMs, long UntilMs, int Left)> _losses = [];
    private uint? _serverBase;
    private readonly List<StepEvents>[] _events = [[], []];
    private TcpExtCounters[] _counters = [new(), new()];
    private readonly int[] _retransmissions = new int[2];
    private readonly TimeWaitEntry?[] _timeWait = new TimeWaitEntry?[2];
    private readonly Tcb?[] _last = new Tcb?[2];      // connection 0's Tcbs, kept after the wire lets them go

    public Ladder(TcpProfile profile, long oneWayMs = 10, int backlog = 128, uint clientAddr = 0, uint serverAddr = 0,
        bool listen = true)
    {
        Wire = new Wire(profile, oneWayMs, backlog, clientAddr: clientAddr, serverAddr: serverAddr, listen: listen);
        Wire.Drops = ShouldDrop;
        Wire.OnSegment = Record;
        Wire.OnStep = RecordStep;
    }

    /// <summary>A 10 ms wire after the handshake of connection 0: both ESTABLISHED at 30 ms, and the ladder,
    /// counters and events start empty.</summary>
    public static Ladder Established(TcpProfile profile)
    {
        var ladder = new Ladder(profile);
        ladder.Handshake();
        return ladder;
    }

    /// <summary>Two active opens on mirrored 4-tuples (client port <see cref="ClientPort"/>, the server's
    /// <see cref="Wire.ServerPort"/>, which does not listen): both Tcbs wait in CLOSED until <see cref="OpenSocket"/>.
    /// </summary>
    public static Ladder Simultaneous(TcpProfile profile, long oneWayMs = 10)
    {
        var ladder = new Ladder(profile, oneWayMs, listen: false);
        ladder.Socket();
        ladder.Wire.SocketOnServer(0);
        return ladder;
    }

    /// <summary>The client port of <see cref="Socket"/> and <see cref="Simultaneous"/>.</summary>
    public const ushort ClientPort = 40000;

    public Wire Wire { get; }
    public List<Rung> Rungs { get; } = [];

    /// <summary>Loses the next segment that way whose flags are exactly these and that carries no data.</summary>
    public void LoseNext(Dir dir, TcpFlags flags) =>
        _losses.Add((dir, s => s.Flags == flags && s.Length == 0, 0, long.MaxValue, 1));

    /// <summary>Loses every segment that way matching the filter, from one virtual instant to another.</summary>
    public void LoseAll(Dir dir, Func<Segment, bool> match, long fromMs = 0, long untilMs = long.MaxValue) =>
        _losses.Add((dir, match, fromMs, untilMs, int.MaxValue));

    public static bool IsPureAck(Segment s) => s.Flags == TcpFlags.Ack && s.Length == 0;

    /// <summary>Lose the next <paramref name="count"/> segments going that way that match.</summary>
    public void LoseNext(Dir dir, Func<Segment, bool> match, int count = 1) =>
        _losses.Add((dir, match, 0, long.MaxValue, count));

    /// <summary>Lose every segment going that way whose flags are exactly these, with data or without.</summary>
    public void LoseEvery(Dir dir, TcpFlags flags) => LoseAll(dir, s => s.Flags == flags);

    /// <summary>connect() at that instant: a new connection, its 4-tuple and ISN chosen then.</summary>
    public int Open(long atMs, ushort localPort = 0, ushort remotePort = Wire.ServerPort) =>
        Wire.Connect(Instant.FromMilliseconds(atMs), localPort, remotePort);

    /// <summary>A new connection's client socket made now, in CLOSED, with its 4-tuple and ISN (so a test can set
    /// options and build segments relative to its ISN before <see cref="OpenSocket"/>).</summary>
    public Tcb Socket(ushort localPort = ClientPort) => Wire.TcbOf(0, Wire.Connections[Wire.Socket(localPort)].Tuple)!;

    /// <summary>connect() on the sockets <see cref="Socket"/> (and <see cref="Simultaneous"/>) made.</summary>
    public void OpenSocket(long atMs = 0, int conn = 0) => Wire.Open(Instant.FromMilliseconds(atMs), conn);

    /// <summary>Runs connection 0's three-way handshake (opening it at 0 if it is not open yet; both ESTABLISHED
    /// after three one-way trips), then forgets the ladder, counters and events, so a test's ladder starts after
    /// it.</summary>
    public void Handshake()
    {
        if (Wire.Connections.Count == 0) Open(0);
        else OpenSocket(0);
        RunUntil((long)(3 * Wire.OneWay.TotalMilliseconds));
        if (StateOf(Side.Client) != TcpState.Established || StateOf(Side.Server) != TcpState.Established)
            throw new InvalidOperationException($"handshake ended in {StateOf(Side.Client)}/{StateOf(Side.Server)}");
        Rungs.Clear();
        _counters = [new(), new()];
        _retransmissions[0] = _retransmissions[1] = 0;
        _events[0].Clear();
        _events[1].Clear();
    }

    /// <summary>An application call on one side of connection 0 at that instant.</summary>
    public void At(long atMs, Side side, Func<Tcb, Instant, TcbStep> call) =>
        Wire.At(Instant.FromMilliseconds(atMs), (int)side, 0, call);

    /// <summary>Once that side of connection 0 connects, the application makes this call at the same instant.</summary>
    public void WhenConnected(Side side, Func<Tcb, Instant, TcbStep> call) =>
        Wire.When((int)side, 0, static (_, step) => (step.Events & TcbEvents.Connected) != 0, call);

    /// <summary>Once that side of connection 0 has received this many bytes, the application makes this call at the
    /// same instant.</summary>
    public void WhenReceived(Side side, long bytes, Func<Tcb, Instant, TcbStep> call) =>
        Wire.When((int)side, 0, (tcb, _) => tcb.BytesReceived >= bytes, call);

    /// <summary>A segment from outside the wire (an attacker, an old duplicate) arriving at that instant.</summary>
    public void Inject(long atMs, Dir dir, Segment segment) =>
        Wire.Deliver(Instant.FromMilliseconds(atMs), dir, in segment);

    public Instant Now => Wire.Now;
    /// <summary>Both applications read whatever arrives at once (false: data stays unread, so close() sends
    /// RST).</summary>
    public bool AutoRead { get => Wire.AutoRead; set => Wire.AutoRead = value; }
    public IReadOnlyList<StepEvents> Events(Side side) => _events[(int)side];
    /// <summary>What the steps of that side's full sockets counted (the host's own counting is not in it).</summary>
    public TcpExtCounters Counters(Side side) => _counters[(int)side];
    public int Retransmissions(Side side) => _retransmissions[(int)side];
    /// <summary>The TIME_WAIT record that side's socket left when it entered TIME_WAIT, kept after the host lets it
    /// go.</summary>
    public TimeWaitEntry? TimeWait(Side side) => _timeWait[(int)side];
    /// <summary>Bytes the applications of connection 0 read (with AutoRead, every byte as soon as it is
    /// readable).</summary>
    public long BytesRead(Side side) => side == Side.Client ? Conn().ClientRead : Conn().ServerRead;
    /// <summary>The client's SYN as the server last received it.</summary>
    public Segment ClientSyn { get; private set; }

    /// <summary>Connection 0's client Tcb, live or CLOSED (a socket in TIME_WAIT has only its record).</summary>
    public Tcb Client => TcbAt(Side.Client);
    /// <summary>Connection 0's server Tcb, live or CLOSED (none while only a request or TIME_WAIT record
    /// exists).</summary>
    public Tcb Server => TcbAt(Side.Server);

    private Tcb TcbAt(Side side)
    {
        if (Wire.Connections.Count > 0
            && Wire.TcbOf((int)side, side == Side.Client ? Conn().Tuple : Conn().Tuple.Reversed) is { } live)
            return live;
        return _last[(int)side] is { State: not TcpState.TimeWait } closed
            ? closed
            : throw new InvalidOperationException($"the {side} has no Tcb");
    }

    /// <summary>The state of that side of connection 0 (CLOSED or LISTEN before it exists).</summary>
    public TcpState StateOf(Side side)
    {
        if (Wire.Connections.Count == 0 || Conn().Tuple == default)
            return side == Side.Client || !Wire.Server.TryGetListener(Wire.ServerPort, out _)
                ? TcpState.Closed
                : TcpState.Listen;
        return side == Side.Client ? ClientState(Conn().Tuple) : ServerState(Conn().Tuple.Reversed);
    }

    /// <summary>The deadline that side's timer of connection 0 is armed for, or null when it is not armed.</summary>
    public Instant? Deadline(Side side, TcbTimer timer) =>
        Wire.Deadline((int)side, side == Side.Client ? Conn().Tuple : Conn().Tuple.Reversed, timer);

    /// <summary>The ISN the client's numbers are relative to: connection 0's ISS.</summary>
    public uint? ClientIsn =>
        Wire.Connections.Count > 0 && Conn().Tuple != default ? Conn().Open.Iss.Value : null;

    /// <summary>The ISN the server's numbers are relative to: the first SYN it sent.</summary>
    public uint? ServerIsn => _serverBase ?? (Wire.Connections.Count > 0 && Conn().Tuple != default
        ? Wire.TcbOf(1, Conn().Tuple.Reversed)?.Iss.Value
        : null);

    public uint ClientTsOffset => Conn().Open.TsOffset;
    public uint ServerTsOffset => Wire.Server.TsOffset(Wire.Client.Address);

    /// <summary>A client sequence number written relative to its ISN, as the model holds it.</summary>
    public SeqNum ClientSeq(uint relative) => new(unchecked((ClientIsn ?? 0) + relative));

    /// <summary>A server sequence number written relative to its ISN, as the model holds it.</summary>
    public SeqNum ServerSeq(uint relative) => new(unchecked((ServerIsn ?? 0) + relative));

    /// <summary>A segment connection 0's server side would send (no options): seq relative to the server's ISN, ack
    /// to the client's when the ACK bit is set, as the rungs show them.</summary>
    public Segment FromServer(TcpFlags flags, uint seq, uint ack = 0, ushort length = 0, ushort window = 65535)
    {
        var t = Conn().Tuple;
        return new(t.RemoteAddr, t.RemotePort, t.LocalAddr, t.LocalPort, ServerSeq(seq),
            (flags & TcpFlags.Ack) != 0 ? ClientSeq(ack) : new SeqNum(ack), flags, window, length);
    }

    /// <summary>A segment connection 0's client side would send (no options): seq relative to the client's ISN, ack
    /// to the server's when the ACK bit is set, as the rungs show them.</summary>
    public Segment FromClient(TcpFlags flags, uint seq, uint ack = 0, ushort length = 0, ushort window = 65535)
    {
        var t = Conn().Tuple;
        return new(t.LocalAddr, t.LocalPort, t.RemoteAddr, t.RemotePort, ClientSeq(seq),
            (flags & TcpFlags.Ack) != 0 ? ServerSeq(ack) : new SeqNum(ack), flags, window, length);
    }

    public void Call(long atMs, UserCall call, int bytes = 0, int conn = 0) =>
        Wire.Call(Instant.FromMilliseconds(atMs), conn, call, bytes);

    public void RunUntil(long ms) => Wire.RunUntilMs(ms);

    public Connection Conn(int index = 0) => Wire.Connections[index];

    private bool ShouldDrop(Segment seg, Dir dir, Instant now)
    {
        for (int i = 0; i < _losses.Count; i++)
        {
            var l = _losses[i];
            if (l.Dir != dir || l.Left == 0 || now.Milliseconds < l.FromMs || now.Milliseconds > l.UntilMs
                || !l.Match(seg)) continue;
            _losses[i] = l with { Left = l.Left - 1 };
            return true;
        }
        return false;
    }

    private void Record(Segment seg, Dir dir, bool lost, bool injected)
    {
        if (seg.Has(TcpFlags.Syn) && !injected)
        {
            if (dir == Dir.S2C) _serverBase ??= seg.Seq.Value;
            else if (!lost && !seg.Has(TcpFlags.Ack)) ClientSyn = seg;
        }
        string text = Ladders.Rungs.Relative(in seg, dir, ClientIsn ?? 0, ServerIsn ?? 0);
        var clientView = dir == Dir.C2S
            ? new SocketPair(seg.SrcAddr, seg.SrcPort, seg.DstAddr, seg.DstPort)
            : new SocketPair(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort);
        Rungs.Add(new Rung(Wire.Now.Milliseconds, dir, text, lost,
            ClientState(in clientView), ServerState(clientView.Reversed)));
    }

    private void RecordStep(int side, Tcb tcb, TcbStep step)
    {
        if (Wire.Connections.Count > 0 && tcb.Tuple == (side == 0 ? Conn().Tuple : Conn().Tuple.Reversed))
            _last[side] = tcb;
        _counters[side].Add(step.Counters);
        _retransmissions[side] += step.Retransmissions;
        if (step.Events != TcbEvents.None) _events[side].Add(new(Wire.Now.Milliseconds, step.Events, step.Error));
        if ((step.Events & TcbEvents.EnteredTimeWait) != 0) _timeWait[side] = tcb.ToTimeWait(Wire.Now);
    }

    public TcpState ClientState(in SocketPair tuple) =>
        Wire.TcbOf(0, tuple)?.State ?? (Wire.Client.TimeWait.Contains(tuple) ? TcpState.TimeWait : TcpState.Closed);

    /// <summary>The server's side of a connection, as its host would take a segment on that 4-tuple now: a full
    /// socket's state, TIME_WAIT, the listener's request (SYN_RCVD) or the listener itself (LISTEN, also once the
    /// connection's full socket has closed), else CLOSED.</summary>
    public TcpState ServerState(in SocketPair tuple)
    {
        if (Wire.TcbOf(1, tuple) is { } tcb) return tcb.State;
        if (Wire.Server.TimeWait.Contains(tuple)) return TcpState.TimeWait;
        if (!Wire.Server.TryGetListener(tuple.LocalPort, out var listener)) return TcpState.Closed;
        return listener.HasRequest(tuple) ? TcpState.SynReceived : TcpState.Listen;
    }

    /// <summary>The ladder as text, for a failure message or a note.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Rungs);
}
