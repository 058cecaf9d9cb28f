using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>The one place the harnesses (and the tests) touch the model's timer API: which timers a Tcb has, what a
/// step asks of each, and firing a Tcb's, a host's (TIME_WAIT, compact entries) or a listener's request timer. A
/// change of that API is a change of this file alone.</summary>
public static class ModelTimers
{
    private static readonly TcbTimer[] Kinds = [TcbTimer.Retransmit, TcbTimer.DelayedAck, TcbTimer.FinWait2];

    /// <summary>Every timer a Tcb keeps, in index order (an index is <c>(int)timer</c>).</summary>
    public static ReadOnlySpan<TcbTimer> All => Kinds;

    public const int Count = 3;

    /// <summary>What the step asks of that timer: unchanged, set to a deadline, or cancelled.</summary>
    public static TimerEdit Edit(in TcbStep step, TcbTimer timer) => step.Timer(timer);

    /// <summary>The timer fires: the Tcb's step for it (nothing, if the Tcb no longer holds that timer).</summary>
    public static TcbStep Fire(Tcb tcb, TcbTimer timer, Instant now) => tcb.OnTimeout(timer, now);

    /// <summary>A host's own timer fires (a TIME_WAIT entry's end, a compact entry's).</summary>
    public static HostStep Fire(Host host, in HostTimer timer, Instant now) => host.OnTimer(in timer, now);

    /// <summary>A listener's request timer fires (a SYN-ACK again, or the request's end).</summary>
    public static ListenerStep Fire(Listener listener, in SocketPair request, Instant now) =>
        listener.OnTimer(in request, now);
}
