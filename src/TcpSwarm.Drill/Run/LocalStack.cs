using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// The model as the local host of a packetdrill run (192.168.0.1): its Host, the full sockets it made, their timers
// and the host's in one virtual-time queue, and what it sent, in order. Driven as tests/TcpSwarm.Tcp.Tests' Wire
// drives a host: segments to Host.Handle, a listener's admitted child to Tcb.Accept, stale timers skipped.
internal sealed class LocalStack
{
    public static readonly uint LocalAddr = Ipv4.Parse("192.168.0.1");
    public static readonly uint RemoteAddr = Ipv4.Parse("192.0.2.1");
    private const ulong Seed = 1;

    private readonly PriorityQueue<TimerEntry, (long At, long Seq)> _timers = new();
    private long _seq;

    public LocalStack(TcpProfile profile)
    {
        Profile = profile;
        Host = new Host(LocalAddr, profile, Seed);
    }

    public TcpProfile Profile { get; private set; }
    public Host Host { get; private set; }
    public Instant Now { get; private set; }
    public Dictionary<SocketPair, Conn> Live { get; } = [];
    /// <summary>Every full socket made, by 4-tuple (the newest for a reused one), gone or not.</summary>
    public Dictionary<SocketPair, Conn> All { get; } = [];
    public Queue<Sent> Outbound { get; } = new();
    /// <summary>Called after every step of the model, to let blocked calls return.</summary>
    public Action? AfterStep { get; set; }
    /// <summary>Called for a listener's child as it is made, before its first segment: inherited socket options.
    /// </summary>
    public Action<Tcb>? OnChild { get; set; }
    /// <summary>Called for every segment sent, as it leaves.</summary>
    public Action<Sent>? OnSend { get; set; }

    public bool Pristine => Live.Count == 0 && All.Count == 0 && !Host.Listeners.Any();

    /// <summary>A sysctl changed before any socket exists: the host is built anew on the new profile.</summary>
    public void Reconfigure(TcpProfile profile)
    {
        Profile = profile;
        Host = new Host(LocalAddr, profile, Seed);
    }

    /// <summary>Runs every timer due up to and including the instant; time then stands there.</summary>
    public void AdvanceTo(Instant until)
    {
        while (_timers.TryPeek(out _, out var key) && key.At <= until.Nanoseconds) FireNext();
        if (until > Now) Now = until;
    }

    /// <summary>Runs timers until something is sent or the limit passes; true when a segment waits.</summary>
    public bool RunUntilSend(Instant limit)
    {
        while (Outbound.Count == 0 && _timers.TryPeek(out _, out var key) && key.At <= limit.Nanoseconds) FireNext();
        if (Outbound.Count > 0) return true;
        if (limit > Now) Now = limit;
        return false;
    }

    private void FireNext()
    {
        var entry = _timers.Dequeue();
        if (entry.At > Now) Now = entry.At;
        if (entry.Conn is { } conn)
        {
            if (conn.Gone || conn.Deadlines[(int)entry.TcbTimer] != entry.At) return;
            conn.Deadlines[(int)entry.TcbTimer] = Instant.Never;
            var step = conn.Tcb.OnTimeout(entry.TcbTimer, Now);
            Apply(conn, ref step);
        }
        else
        {
            var hostTimer = entry.HostTimer;
            var step = Host.OnTimer(in hostTimer, Now);
            foreach (ref readonly var s in step.Sends) Send(in s);
            ArmHostTimer(in step.Timer);
        }
        AfterStep?.Invoke();
    }

    /// <summary>A segment from the remote peer arrives now.</summary>
    public void Deliver(in Segment seg)
    {
        var step = Host.Handle(in seg, Now);
        foreach (ref readonly var s in step.Sends) Send(in s);
        ArmHostTimer(in step.Timer);
        if (step.Route == HostRoute.ToSocket && Live.TryGetValue(step.Socket, out var conn))
        {
            var tcbStep = conn.Tcb.Handle(in seg, Now);
            Apply(conn, ref tcbStep);
        }
        else if (step.Admitted)
        {
            int userMss = Host.TryGetListener(step.Listener.Child.Tuple.LocalPort, out var listener)
                ? listener.UserMss : 0;
            var child = Tcb.Accept(in step.Listener.Child, Profile, Now, userMss);
            OnChild?.Invoke(child);
            var made = new Conn(child) { Connected = true, LastDataRecv = Now };
            Live[child.Tuple] = made;
            All[child.Tuple] = made;
            var tcbStep = child.Handle(in seg, Now);
            Apply(made, ref tcbStep);
        }
        AfterStep?.Invoke();
    }

    /// <summary>connect(): a new full socket in SYN_SENT, its SYN sent; null when no port is free.</summary>
    /// <param name="configure">Socket options set before connect(), applied before the SYN is built.</param>
    public Conn? Connect(ushort remotePort, ushort localPort, Action<Tcb>? configure = null)
    {
        if (!Host.TryConnect(RemoteAddr, remotePort, Now, out var open, localPort)) return null;
        var tcb = Tcb.Connect(open.Tuple, open.Iss, open.TsOffset, Profile, open.Reused, open.TsRecent,
            open.TsRecentStamp);
        configure?.Invoke(tcb);
        var conn = new Conn(tcb);
        Live[open.Tuple] = conn;
        All[open.Tuple] = conn;
        var step = tcb.Open(Now);
        Apply(conn, ref step);
        AfterStep?.Invoke();
        return conn;
    }

    /// <summary>A user call on a full socket (write, shutdown, close, abort) made now.</summary>
    public void Call(Conn conn, Func<Tcb, TcbStep> call)
    {
        if (conn.Gone) return;
        var step = call(conn.Tcb);
        Apply(conn, ref step);
        AfterStep?.Invoke();
    }

    private void Apply(Conn conn, ref TcbStep step)
    {
        foreach (ref readonly var s in step.Sends) Send(in s);
        Arm(conn, TcbTimer.Retransmit, step.Retransmit);
        Arm(conn, TcbTimer.DelayedAck, step.DelayedAck);
        Arm(conn, TcbTimer.FinWait2, step.FinWait2);
        Host.Counters.Add(step.Counters);
        var events = step.Events;
        if ((events & TcbEvents.Connected) != 0)
        {
            conn.Connected = true;
            conn.LastDataRecv ??= Now;                   // icsk_ack.lrcvtime starts when the connection does
        }
        if ((events & TcbEvents.DataArrived) != 0) conn.LastDataRecv = Now;
        if ((events & TcbEvents.PeerClosed) != 0) conn.PeerClosed = true;
        if (step.Error != TcpError.None) conn.Error = step.Error;
        var tuple = conn.Tcb.Tuple;
        if ((events & TcbEvents.EnteredTimeWait) != 0)
        {
            conn.Gone = true;
            Live.Remove(tuple);
            if (Host.EnterTimeWait(conn.Tcb.ToTimeWait(Now), out var timer)) ArmHostTimer(in timer);
        }
        else if ((events & TcbEvents.Closed) != 0)
        {
            conn.Gone = true;
            Live.Remove(tuple);
            Host.Release(in tuple, cleanClose: step.Error == TcpError.None);
        }
    }

    private void Send(in Segment seg)
    {
        var sent = new Sent(Now, seg);
        Outbound.Enqueue(sent);
        OnSend?.Invoke(sent);
    }

    private void Arm(Conn conn, TcbTimer timer, TimerEdit edit)
    {
        if (edit.Action == TimerAction.Unchanged) return;
        if (edit.Action == TimerAction.Cancel)
        {
            conn.Deadlines[(int)timer] = Instant.Never;
            return;
        }
        conn.Deadlines[(int)timer] = edit.Deadline;
        _timers.Enqueue(new TimerEntry(edit.Deadline, conn, timer, default), (edit.Deadline.Nanoseconds, _seq++));
    }

    private void ArmHostTimer(in HostTimer timer)
    {
        if (!timer.IsSet) return;
        _timers.Enqueue(new TimerEntry(timer.Edit.Deadline, null, default, timer),
            (timer.Edit.Deadline.Nanoseconds, _seq++));
    }

    private readonly record struct TimerEntry(Instant At, Conn? Conn, TcbTimer TcbTimer, HostTimer HostTimer);
}
