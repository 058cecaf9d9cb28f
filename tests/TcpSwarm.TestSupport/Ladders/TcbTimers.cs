using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>The one place the harness (and the tests) touch the Tcb's timer API: which timers a Tcb has, what a step
/// asks of each, and firing one. A change of that API is a change of this file alone.</summary>
public static class TcbTimers
{
    private static readonly TcbTimer[] Kinds = [TcbTimer.Retransmit, TcbTimer.DelayedAck, TcbTimer.FinWait2];

    /// <summary>Every timer a Tcb keeps, in index order (an index is <c>(int)timer</c>).</summary>
    public static ReadOnlySpan<TcbTimer> All => Kinds;

    public const int Count = 3;

    /// <summary>What the step asks of that timer: unchanged, set to a deadline, or cancelled.</summary>
    public static TimerEdit Edit(in TcbStep step, TcbTimer timer) => step.Timer(timer);

    /// <summary>The timer fires: the Tcb's step for it (nothing, if the Tcb no longer holds that timer).</summary>
    public static TcbStep Fire(Tcb tcb, TcbTimer timer, Instant now) => tcb.OnTimer(timer, now);
}
