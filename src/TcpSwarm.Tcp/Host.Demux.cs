namespace TcpSwarm.Tcp;

public sealed partial class Host
{
    /// <summary>The demultiplexer: picks the owner of an arriving segment at this instant and runs the compact
    /// tables.</summary>
    public HostStep Handle(in Segment seg, Instant now)
    {
        var step = new HostStep();
        if (seg.DstAddr != Address) return step;                     // NotMine
        var tuple = SocketPair.Arriving(in seg);
        if (_sockets.Contains(tuple))
        {
            step.Route = HostRoute.ToSocket;
            step.Socket = tuple;
            return step;
        }
        if (TimeWait.Contains(in tuple))
        {
            HandleTimeWait(in seg, in tuple, now, ref step);
            return step;
        }
        if (TryGetListener(in tuple, out var listener))
        {
            ToListener(listener, in seg, now, twIsn: null, ref step);
            return step;
        }
        step.Route = HostRoute.NoSocket;
        if (!seg.Has(TcpFlags.Rst)) SendReset(in seg, ref step);
        return step;
    }

    /// <summary>A timer this host asked for has fired: expire a TIME_WAIT record or run a request entry's
    /// timer.</summary>
    public HostStep OnTimer(in HostTimer timer, Instant now)
    {
        var step = new HostStep();
        var tuple = timer.Tuple;
        if (timer.Kind == HostTimerKind.TimeWait)
        {
            step.Route = HostRoute.TimeWait;
            if (TimeWait.Expire(in tuple, now)) PortFreed(in tuple);
        }
        else if (timer.Kind == HostTimerKind.Request && TryGetListener(in tuple, out var listener))
        {
            step.Route = HostRoute.Listener;
            step.Listener = listener.OnTimer(in tuple, now);
            SetRequestTimer(ref step);
        }
        return step;
    }

    private void HandleTimeWait(in Segment seg, in SocketPair tuple, Instant now, ref HostStep step)
    {
        step.Route = HostRoute.TimeWait;
        var tw = TimeWait.Handle(in seg, now);
        switch (tw.Verdict)
        {
            case TimeWaitVerdict.SynAccepted when TryGetListener(in tuple, out var listener):
                TimeWait.Remove(in tuple);                           // inet_twsk_deschedule_put: the SYN starts anew
                PortFreed(in tuple);
                step.Timer = new HostTimer(HostTimerKind.TimeWait, tuple, TimerEdit.Cancel);
                ToListener(listener, in seg, now, tw.Isn, ref step);
                return;
            case TimeWaitVerdict.SynAccepted:                        // no listener: TCP_TW_SYN falls through to an ACK
                step.Send(TimeWait.AckFor(in tuple, now));
                return;
            case TimeWaitVerdict.Killed:
                PortFreed(in tuple);
                break;
            case TimeWaitVerdict.Ack:
                step.Send(tw.Reply);
                break;
        }
        if (tw.Timer.Action != TimerAction.Unchanged)
            step.Timer = new HostTimer(HostTimerKind.TimeWait, tuple, tw.Timer);
    }

    private void ToListener(Listener listener, in Segment seg, Instant now, SeqNum? twIsn, ref HostStep step)
    {
        step.Route = HostRoute.Listener;
        listener.Handle(in seg, now, IsProven(seg.SrcAddr), twIsn, TsOffset(seg.SrcAddr), ref step.Listener);
        SetRequestTimer(ref step);
        if (step.Listener.Outcome == ListenerOutcome.Admitted)
        {
            step.Socket = step.Listener.Child.Tuple;                  // request entry -> full socket: a table update
            _sockets.Add(step.Socket);
        }
    }

    private static void SetRequestTimer(ref HostStep step)
    {
        if (step.Listener.RequestTimer.Action != TimerAction.Unchanged)
            step.Timer = new HostTimer(HostTimerKind.Request, step.Listener.Request, step.Listener.RequestTimer);
    }

    // tcp_v4_send_reset with no socket (Rst.For).
    private void SendReset(in Segment seg, ref HostStep step)
    {
        Counters.Increment(TcpExt.OutRsts);
        step.Send(Rst.For(in seg));
    }
}
