using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Two Tcbs joined by a wire of fixed one-way latency on a virtual clock; it records the ladder of what
/// crossed.</summary>
/// <remarks>Events run in (instant, insertion) order. Timers follow TimerEdit: one deadline per side and kind, a
/// stale queue entry is skipped when it pops. Until the server's Tcb exists, a stand-in listener answers the client's
/// SYN with a SYN-ACK and builds the server with Tcb.Accept from the ACK that completes the handshake (the real
/// listener is SynQueue's). A side that reaches TIME_WAIT hands over its record and is dropped, as a host
/// does.</remarks>
public sealed class TcbWire
{
    public static readonly uint ClientAddr = Ipv4.Parse("10.0.0.1");
    public static readonly uint ServerAddr = Ipv4.Parse("10.0.1.10");
    public const ushort ClientPort = 40000;
    public const ushort ServerPort = 80;
    /// <summary>The ISNs of the two sides: every sequence number a test writes (rungs and built segments alike) is
    /// relative to them.</summary>
    public const uint ClientIsn = 1000, ServerIsn = 5000;
    public const uint ClientTsOffset = 100_000;
    public const uint ServerTsOffset = 7_000_000;
    public static readonly SocketPair ClientTuple = new(ClientAddr, ClientPort, ServerAddr, ServerPort);

    private readonly TcpProfile _profile;
    private readonly TimeSpan _oneWay;
    private readonly PriorityQueue<Happening, (long AtNs, long Seq)> _queue = new();
    private long _seq;
    private Instant _now;
    private readonly Tcb?[] _tcbs = new Tcb?[2];
    private readonly TcpState[] _parked = [TcpState.Closed, TcpState.Listen];   // shown while a side has no Tcb
    private readonly long[,] _timerGeneration = new long[2, ModelTimers.Count];
    private readonly Instant[,] _timerDeadline = new Instant[2, ModelTimers.Count];
    private long _generations;
    private readonly List<Rung> _rungs = [];
    private readonly List<LossRule> _losses = [];
    private readonly List<Trigger> _triggers = [];
    private TcpExtCounters[] _counters = [new(), new()];
    private readonly int[] _retransmissions = new int[2];
    private readonly List<StepEvents>[] _events = [[], []];
    private readonly TimeWaitEntry?[] _timeWait = new TimeWaitEntry?[2];
    private readonly long[] _read = new long[2];
    private Segment _clientSyn;
    private Instant? _firstSynAckAt;
    private bool _synAckResent;

    /// <summary>A client Tcb in CLOSED and the stand-in listener on the server's port.</summary>
    public TcbWire(TcpProfile profile, long oneWayMs = 10)
    {
        _profile = profile;
        _oneWay = TimeSpan.FromMilliseconds(oneWayMs);
        _tcbs[0] = Tcb.Connect(ClientTuple, new SeqNum(ClientIsn), ClientTsOffset, profile);
    }

    /// <summary>A 10 ms wire, after the handshake: both ESTABLISHED at 30 ms, and the
    /// ladder, counters and events start empty.</summary>
    public static TcbWire Established(TcpProfile profile)
    {
        var wire = new TcbWire(profile);
        wire.Handshake();
        return wire;
    }

    /// <summary>Two active opens on mirrored tuples: the server side is a second connect(), not a listener.</summary>
    public static TcbWire Simultaneous(TcpProfile profile, long oneWayMs = 10)
    {
        var wire = new TcbWire(profile, oneWayMs);
        wire._tcbs[1] = Tcb.Connect(ClientTuple.Reversed, new SeqNum(ServerIsn), ServerTsOffset, profile);
        return wire;
    }

    public Tcb Client => _tcbs[0] ?? throw new InvalidOperationException("the client is in TIME_WAIT: no Tcb");
    public Tcb Server =>
        _tcbs[1] ?? throw new InvalidOperationException("the server has no Tcb (listener or TIME_WAIT)");
    public TcpState ClientState => StateOf(Side.Client);
    public TcpState ServerState => StateOf(Side.Server);
    public IReadOnlyList<Rung> Rungs => _rungs;
    /// <summary>The client's SYN as the stand-in listener received it.</summary>
    public Segment ClientSyn => _clientSyn;
    public TcpExtCounters Counters(Side side) => _counters[(int)side];
    public int Retransmissions(Side side) => _retransmissions[(int)side];
    public IReadOnlyList<StepEvents> Events(Side side) => _events[(int)side];
    public TimeWaitEntry? TimeWait(Side side) => _timeWait[(int)side];
    /// <summary>Bytes the application read (with <see cref="AutoRead"/>, every byte as soon as it is
    /// readable).</summary>
    public long BytesRead(Side side) => _read[(int)side];
    public bool AutoRead { get; set; } = true;
    public Instant Now => _now;

    /// <summary>The deadline that side's timer is armed for, or null when it is not armed.</summary>
    public Instant? Deadline(Side side, TcbTimer timer) =>
        _timerGeneration[(int)side, (int)timer] != 0 ? _timerDeadline[(int)side, (int)timer] : null;

    /// <summary>Lose the next <paramref name="count"/> segments going that way whose flags are exactly these.</summary>
    public void LoseNext(Dir dir, TcpFlags flags, int count = 1) => _losses.Add(new(dir, s => s.Flags == flags, count));

    public void LoseNext(Dir dir, Func<Segment, bool> match, int count = 1) => _losses.Add(new(dir, match, count));

    public void LoseEvery(Dir dir, TcpFlags flags) => _losses.Add(new(dir, s => s.Flags == flags, int.MaxValue));

    /// <summary>A segment from outside the wire (an attacker, an old duplicate) arriving at that instant.</summary>
    public void Inject(long atMs, Dir dir, Segment segment) =>
        Schedule(Instant.FromMilliseconds(atMs), new Arrival(dir == Dir.C2S ? Side.Server : Side.Client, segment, dir));

    /// <summary>An application call on one side at that instant.</summary>
    public void At(long atMs, Side side, Func<Tcb, Instant, TcbStep> call) =>
        Schedule(Instant.FromMilliseconds(atMs), new Call(side, call));

    /// <summary>The client opens (both sides, for a simultaneous open).</summary>
    public void Open(long atMs = 0)
    {
        At(atMs, Side.Client, (tcb, now) => tcb.Open(now));
        if (_tcbs[1] is not null) At(atMs, Side.Server, (tcb, now) => tcb.Open(now));
    }

    /// <summary>Once that side connects, the application makes this call at the same instant.</summary>
    public void WhenConnected(Side side, Func<Tcb, Instant, TcbStep> call) =>
        _triggers.Add(new(side, (tcb, step) => (step.Events & TcbEvents.Connected) != 0, call));

    /// <summary>Once that side has received this many bytes, the application makes this call at the same
    /// instant.</summary>
    public void WhenReceived(Side side, long bytes, Func<Tcb, Instant, TcbStep> call) =>
        _triggers.Add(new(side, (tcb, step) => tcb.BytesReceived >= bytes, call));

    /// <summary>Runs the three-way handshake (both ESTABLISHED after three one-way trips), then forgets its ladder,
    /// counters and events, so a test's ladder starts after it.</summary>
    public void Handshake()
    {
        Open();
        RunUntil((long)(3 * _oneWay.TotalMilliseconds));
        if (ClientState != TcpState.Established || ServerState != TcpState.Established)
            throw new InvalidOperationException($"handshake ended in {ClientState}/{ServerState}");
        _rungs.Clear();
        _counters = [new(), new()];
        _retransmissions[0] = _retransmissions[1] = 0;
        _events[0].Clear();
        _events[1].Clear();
    }

    /// <summary>Handles every event due at or before that instant.</summary>
    public void RunUntil(long ms)
    {
        var end = Instant.FromMilliseconds(ms);
        while (_queue.TryPeek(out _, out var key) && key.AtNs <= end.Nanoseconds)
        {
            var happening = _queue.Dequeue();
            _now = new Instant(key.AtNs);
            switch (happening)
            {
                case Arrival a: Arrive(a); break;
                case TimerFires t: Fire(t); break;
                case Call c when _tcbs[(int)c.Side] is { } tcb: Apply(c.Side, c.Invoke(tcb, _now)); break;
            }
        }
        _now = end;
    }

    /// <summary>A segment the server's side would send (addresses filled in, no options); seq relative to the
    /// server's ISN, ack to the client's when the ACK bit is set (raw otherwise), as the rungs show them.</summary>
    public static Segment FromServer(TcpFlags flags, uint seq, uint ack = 0, ushort length = 0,
        ushort window = 65535) =>
        new(ServerAddr, ServerPort, ClientAddr, ClientPort, new SeqNum(unchecked(ServerIsn + seq)),
            new SeqNum((flags & TcpFlags.Ack) != 0 ? unchecked(ClientIsn + ack) : ack), flags, window, length);

    /// <summary>A segment the client's side would send (addresses filled in, no options); seq relative to the
    /// client's ISN, ack to the server's when the ACK bit is set (raw otherwise), as the rungs show them.</summary>
    public static Segment FromClient(TcpFlags flags, uint seq, uint ack = 0, ushort length = 0,
        ushort window = 65535) =>
        new(ClientAddr, ClientPort, ServerAddr, ServerPort, new SeqNum(unchecked(ClientIsn + seq)),
            new SeqNum((flags & TcpFlags.Ack) != 0 ? unchecked(ServerIsn + ack) : ack), flags, window, length);

    /// <summary>A client sequence number written relative to its ISN, as the model holds it.</summary>
    public static SeqNum ClientSeq(uint relative) => new(unchecked(ClientIsn + relative));

    /// <summary>A server sequence number written relative to its ISN, as the model holds it.</summary>
    public static SeqNum ServerSeq(uint relative) => new(unchecked(ServerIsn + relative));

    private static string Text(in Segment seg, Dir dir) => Ladders.Rungs.Relative(in seg, dir, ClientIsn, ServerIsn);

    private TcpState StateOf(Side side) => _tcbs[(int)side]?.State ?? _parked[(int)side];

    private void Schedule(Instant at, Happening happening) => _queue.Enqueue(happening, (at.Nanoseconds, _seq++));

    private void Arrive(Arrival a)
    {
        var tcb = _tcbs[(int)a.To];
        TcbStep? step = null;
        Segment? reply = null;
        if (tcb is not null) step = tcb.Handle(a.Segment, _now);
        else if (a.To == Side.Server && _parked[1] is TcpState.Listen or TcpState.SynReceived)
            (step, reply) = ListenerArrives(a.Segment);
        _rungs.Add(new Rung(_now.Milliseconds, a.Dir, Text(a.Segment, a.Dir), false, ClientState, ServerState));
        if (reply is { } r) Put(Side.Server, r);
        if (step is { } s) Apply(a.To, s);
    }

    // The stand-in listener: a SYN-ACK for every SYN, and Tcb.Accept on the ACK of it.
    private (TcbStep? Step, Segment? Reply) ListenerArrives(in Segment seg)
    {
        if (seg.Has(TcpFlags.Rst)) return (null, null);
        if (seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Ack))
        {
            _clientSyn = seg;
            _parked[1] = TcpState.SynReceived;
            if (_firstSynAckAt is null) _firstSynAckAt = _now;
            else _synAckResent = true;
            return (null, ListenerSynAck(in seg));
        }
        if (_parked[1] != TcpState.SynReceived || !seg.Has(TcpFlags.Ack) || seg.Has(TcpFlags.Syn)
            || seg.Ack != new SeqNum(ServerIsn + 1))
            return (null, null);
        var syn = _clientSyn;
        bool ts = _profile.TcpTimestamps != 0 && syn.HasTimestamps;
        bool ws = _profile.TcpWindowScaling && (syn.Options & TcpOptions.WindowScale) != 0;
        var child = new AcceptedConnection(ClientTuple.Reversed, new SeqNum(ServerIsn), syn.Seq,
            (syn.Options & TcpOptions.Mss) != 0 ? syn.Mss : (ushort)536, ws ? (sbyte)syn.WindowScale : (sbyte)-1,
            _profile.TcpSack && (syn.Options & TcpOptions.SackPermitted) != 0, ts, ts ? seg.TsVal : 0, ServerTsOffset,
            _firstSynAckAt!.Value, _synAckResent, FromCookie: false, seg.Window);
        var server = Tcb.Accept(in child, _profile, _now);
        _tcbs[1] = server;
        return (server.Handle(in seg, _now), null);
    }

    private Segment ListenerSynAck(in Segment syn)
    {
        var options = TcpOptions.Mss;
        if (_profile.TcpWindowScaling && (syn.Options & TcpOptions.WindowScale) != 0) options |= TcpOptions.WindowScale;
        if (_profile.TcpSack && (syn.Options & TcpOptions.SackPermitted) != 0) options |= TcpOptions.SackPermitted;
        bool ts = _profile.TcpTimestamps != 0 && syn.HasTimestamps;
        if (ts) options |= TcpOptions.Timestamps;
        return new Segment(ServerAddr, ServerPort, ClientAddr, ClientPort, new SeqNum(ServerIsn), syn.Seq + 1,
            TcpFlags.Syn | TcpFlags.Ack, (ushort)Math.Min(_profile.ReceiveWindow, 65535), 0, options,
            (ushort)_profile.Mss, _profile.WindowScaleShift,
            ts ? (uint)_now.Milliseconds + ServerTsOffset : 0, ts ? syn.TsVal : 0);
    }

    private void Fire(TimerFires t)
    {
        if (_timerGeneration[(int)t.Side, (int)t.Timer] != t.Generation) return;     // stale: re-armed or cancelled
        _timerGeneration[(int)t.Side, (int)t.Timer] = 0;
        if (_tcbs[(int)t.Side] is { } tcb) Apply(t.Side, ModelTimers.Fire(tcb, t.Timer, _now));
    }

    private void Apply(Side side, in TcbStep step)
    {
        var tcb = _tcbs[(int)side]!;
        foreach (var seg in step.Sends) Put(side, seg);
        foreach (var timer in ModelTimers.All) Edit(side, timer, ModelTimers.Edit(in step, timer));
        _counters[(int)side].Add(step.Counters);
        _retransmissions[(int)side] += step.Retransmissions;
        if (step.Events != TcbEvents.None) _events[(int)side].Add(new(_now.Milliseconds, step.Events, step.Error));
        if ((step.Events & TcbEvents.EnteredTimeWait) != 0)
        {
            _timeWait[(int)side] = tcb.ToTimeWait(_now);
            _tcbs[(int)side] = null;
            _parked[(int)side] = TcpState.TimeWait;
            return;
        }
        if (AutoRead && (step.Events & TcbEvents.DataArrived) != 0) _read[(int)side] += tcb.Read();
        for (int i = 0; i < _triggers.Count; i++)
        {
            var trigger = _triggers[i];
            if (trigger.Side != side || !trigger.When(tcb, step)) continue;
            _triggers.RemoveAt(i);
            Apply(side, trigger.Call(tcb, _now));
            return;
        }
    }

    private void Edit(Side side, TcbTimer timer, TimerEdit edit)
    {
        switch (edit.Action)
        {
            case TimerAction.Set:
                long generation = ++_generations;
                _timerGeneration[(int)side, (int)timer] = generation;
                _timerDeadline[(int)side, (int)timer] = edit.Deadline;
                Schedule(edit.Deadline, new TimerFires(side, timer, generation));
                break;
            case TimerAction.Cancel:
                _timerGeneration[(int)side, (int)timer] = 0;
                break;
        }
    }

    private void Put(Side from, Segment seg)
    {
        var dir = from == Side.Client ? Dir.C2S : Dir.S2C;
        foreach (var rule in _losses)
        {
            if (rule.Dir != dir || rule.Left == 0 || !rule.Match(seg)) continue;
            rule.Left--;
            _rungs.Add(new Rung(_now.Milliseconds, dir, Text(seg, dir), true, ClientState, ServerState));
            return;
        }
        Schedule(_now + _oneWay, new Arrival(from == Side.Client ? Side.Server : Side.Client, seg, dir));
    }

    private abstract record Happening;
    private sealed record Arrival(Side To, Segment Segment, Dir Dir) : Happening;
    private sealed record TimerFires(Side Side, TcbTimer Timer, long Generation) : Happening;
    private sealed record Call(Side Side, Func<Tcb, Instant, TcbStep> Invoke) : Happening;
    private sealed record Trigger(Side Side, Func<Tcb, TcbStep, bool> When, Func<Tcb, Instant, TcbStep> Call);

    private sealed class LossRule(Dir dir, Func<Segment, bool> match, int count)
    {
        public Dir Dir { get; } = dir;
        public Func<Segment, bool> Match { get; } = match;
        public int Left { get; set; } = count;
    }
}
