namespace TcpSwarm.Calibration.Kernel;

/// <summary>How late Linux's timer wheel (kernel/time/timer.c) may fire a timer: the tolerance of every timed row.
/// </summary>
/// <remarks>
/// A timer due in d jiffies sits in level n, where LVL_START(n) ≤ d &lt; LVL_START(n+1) with LVL_START(n) =
/// 63·8^(n−1); calc_index rounds its expiry up to the next multiple of that level's granularity, 8^n jiffies, so it
/// fires after its time by up to 8^n jiffies, plus up to a jiffy for being armed between two ticks. At HZ 250 a 1 s
/// timer may be 36 ms late, a 4 s one 260 ms, a 32 s or 60 s one 2.05 s (TIME_WAIT lasts up to 62 s; the 67 s SYN
/// near 69 s). Successive retransmissions are each armed when the previous fired, so their lateness adds up.
/// </remarks>
public sealed record TimerWheel(int Hz)
{
    private const int LevelBits = 3, Depth = 9;

    /// <summary>The most a timer of this length can fire after its due time.</summary>
    public TimeSpan MaxLateness(TimeSpan timeout)
    {
        long delta = (long)Math.Ceiling(timeout.TotalSeconds * Hz);
        int level = 0;
        while (level + 1 < Depth && delta >= LevelStart(level + 1)) level++;
        long granularity = 1L << (LevelBits * level);
        return TimeSpan.FromSeconds((granularity + 1) / (double)Hz);
    }

    /// <summary>The most a chain of timers, each armed when the one before fired, can add up to late.</summary>
    public TimeSpan MaxLateness(IEnumerable<TimeSpan> chain) =>
        chain.Aggregate(TimeSpan.Zero, (sum, t) => sum + MaxLateness(t));

    private static long LevelStart(int level) => 63L << (LevelBits * (level - 1));
}
