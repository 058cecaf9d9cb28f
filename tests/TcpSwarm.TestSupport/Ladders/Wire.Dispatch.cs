using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

public sealed partial class Wire
{
    private enum EventKind : byte { Arrival, TcbTimer, HostTimer, User, Act, RequestTimer }

    // Unmanaged on purpose (no reference field): the slot array is copied and written without GC write barriers.
    private struct Event
    {
        public EventKind Kind;
        public int Side;                 // 0 client host, 1 server host: where the event happens
        public Segment Segment;
        public SocketPair Tuple;
        public TcbTimer TcbTimer;
        public HostTimer HostTimer;
        public UserCall Call;
        public int Conn, Bytes;
        public bool Injected;            // an arrival that no side sent (Inject, Deliver)
        public int Act;                  // an application call's index in _acts: the event holds no references
        public long Order;               // a directly driven listener's request timer: which arming it is
    }

    // A full socket and the deadline of each of its timers; pooled, so a lifecycle allocates only its two Tcbs.
    private sealed class FullSocket
    {
        public Tcb Tcb = null!;
        public int Conn;
        public readonly Instant[] Deadlines = new Instant[ModelTimers.Count];
    }

    private readonly Stack<FullSocket> _socketPool = new();

    private FullSocket NewSocket(Tcb tcb, int conn)
    {
        var s = _socketPool.TryPop(out var pooled) ? pooled : new FullSocket();
        s.Tcb = tcb;
        s.Conn = conn;
        Array.Fill(s.Deadlines, Instant.Never);
        return s;
    }

    private void Forget(int side, FullSocket socket)
    {
        _sockets[side].Remove(socket.Tcb.Tuple);
        socket.Tcb = null!;
        _socketPool.Push(socket);
    }

    /// <summary>Called for every segment put on the wire: its direction, when it left, and whether it will be
    /// lost.</summary>
    public Func<Segment, Dir, Instant, bool>? Drops { get; set; }
    /// <summary>Called after each arrival is handled (or at send time for a lost segment), with whether it was lost
    /// and whether it came from outside the wire (Inject, Deliver) rather than from a side.</summary>
    public Action<Segment, Dir, bool, bool>? OnSegment { get; set; }
    /// <summary>Called with every step of a full socket (which side, its Tcb, the step) before the wire acts on
    /// it.</summary>
    public Action<int, Tcb, TcbStep>? OnStep { get; set; }

    // Segments lost while an event is handled are reported after it, so a ladder shows cause before effect.
    private readonly List<(Segment Segment, Dir Dir, bool Injected)> _lostThisEvent = [];

    private void Dispatch(in Event e)
    {
        switch (e.Kind)
        {
            case EventKind.Arrival: Arrive(e.Side, in e.Segment, e.Injected); break;
            case EventKind.TcbTimer: FireTcbTimer(e.Side, in e.Tuple, e.TcbTimer); break;
            case EventKind.HostTimer: FireHostTimer(e.Side, in e.HostTimer); break;
            case EventKind.Act: Act(in e); break;
            case EventKind.RequestTimer: FireRequestTimer(in e); break;
            default: User(in e); break;
        }
        if (_lostThisEvent.Count == 0) return;
        foreach (var (seg, dir, injected) in _lostThisEvent) OnSegment?.Invoke(seg, dir, true, injected);
        _lostThisEvent.Clear();
    }

    private void Transmit(int fromSide, in Segment seg, bool injected = false)
    {
        var dir = fromSide == 0 ? Dir.C2S : Dir.S2C;
        if (Drops is { } drops && drops(seg, dir, Now))
        {
            if (OnSegment is not null) _lostThisEvent.Add((seg, dir, injected));
            return;
        }
        Schedule(Now + OneWay,
            new Event { Kind = EventKind.Arrival, Side = 1 - fromSide, Segment = seg, Injected = injected });
    }

    private void Arrive(int side, in Segment seg, bool injected)
    {
        var host = HostAt(side);
        var step = host.Handle(in seg, Now);
        foreach (ref readonly var s in step.Sends) Transmit(side, in s);
        ArmHostTimer(side, in step.Timer);
        if (step.Route == HostRoute.ToSocket && _sockets[side].TryGetValue(step.Socket, out var socket))
        {
            var tcbStep = socket.Tcb.Handle(in seg, Now);
            Apply(side, socket, ref tcbStep);
        }
        else if (step.Admitted)
        {
            Admit(side, in step.Listener.Child, in seg);
        }
        OnSegment?.Invoke(seg, side == 1 ? Dir.C2S : Dir.S2C, false, injected);
    }

    private void Admit(int side, in AcceptedConnection child, in Segment seg)
    {
        var tcb = Tcb.Accept(in child, HostAt(side).Profile, Now);
        int conn = _connByServerTuple.GetValueOrDefault(child.Tuple, -1);
        var socket = NewSocket(tcb, conn);
        _sockets[side][child.Tuple] = socket;
        if (ServerAccepts && Listener.TryAccept(out _) && conn >= 0) Connections[conn].Accepted = true;
        var step = tcb.Handle(in seg, Now);
        Apply(side, socket, ref step);
    }

    private void FireTcbTimer(int side, in SocketPair tuple, TcbTimer timer)
    {
        if (!_sockets[side].TryGetValue(tuple, out var socket) || socket.Deadlines[(int)timer] != Now) return;
        socket.Deadlines[(int)timer] = Instant.Never;
        var step = ModelTimers.Fire(socket.Tcb, timer, Now);
        Apply(side, socket, ref step);
    }

    private void FireHostTimer(int side, in HostTimer timer)
    {
        var step = ModelTimers.Fire(HostAt(side), in timer, Now);
        foreach (ref readonly var s in step.Sends) Transmit(side, in s);
        ArmHostTimer(side, in step.Timer);
    }

    private void ArmHostTimer(int side, in HostTimer timer)
    {
        if (timer.IsSet)
            Schedule(timer.Edit.Deadline, new Event { Kind = EventKind.HostTimer, Side = side, HostTimer = timer });
    }

    private void Apply(int side, FullSocket socket, ref TcbStep step)
    {
        OnStep?.Invoke(side, socket.Tcb, step);
        foreach (ref readonly var s in step.Sends) Transmit(side, in s);
        foreach (var timer in ModelTimers.All) Arm(side, socket, timer, ModelTimers.Edit(in step, timer));
        var host = HostAt(side);
        host.Counters.Add(step.Counters);
        var tuple = socket.Tcb.Tuple;
        bool gone = true;
        if ((step.Events & TcbEvents.EnteredTimeWait) != 0)
        {
            if (host.EnterTimeWait(socket.Tcb.ToTimeWait(Now), out var twTimer)) ArmHostTimer(side, in twTimer);
        }
        else if ((step.Events & TcbEvents.Closed) != 0)
        {
            host.Release(in tuple, cleanClose: step.Error == TcpError.None);
        }
        else
        {
            gone = false;
        }
        if (gone) _sockets[side].Remove(tuple);
        React(side, socket, in step);
        if (!gone && _triggers.Count > 0) Trigger(side, socket, in step);
        if (gone && socket.Tcb is not null && !_sockets[side].ContainsKey(tuple)) Forget(side, socket);
    }

    private void Arm(int side, FullSocket socket, TcbTimer timer, TimerEdit edit)
    {
        if (edit.Action == TimerAction.Unchanged) return;
        if (edit.Action == TimerAction.Cancel)
        {
            socket.Deadlines[(int)timer] = Instant.Never;
            return;
        }
        socket.Deadlines[(int)timer] = edit.Deadline;
        Schedule(edit.Deadline,
            new Event { Kind = EventKind.TcbTimer, Side = side, Tuple = socket.Tcb.Tuple, TcbTimer = timer });
    }
}
