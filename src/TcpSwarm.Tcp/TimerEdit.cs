namespace TcpSwarm.Tcp;

/// <summary>What a step does to one timer. The default is Unchanged, so an ACK-only step cancels nothing.</summary>
public readonly record struct TimerEdit(TimerAction Action, Instant Deadline = default)
{
    public static TimerEdit Set(Instant deadline) => new(TimerAction.Set, deadline);
    public static readonly TimerEdit Cancel = new(TimerAction.Cancel);
}

/// <summary>Leave a timer alone, (re)arm it at a deadline, or disarm it.</summary>
public enum TimerAction : byte { Unchanged, Set, Cancel }

/// <summary>The timers a full socket keeps at once (a step may touch several).</summary>
public enum TcbTimer : byte
{
    /// <summary>SYN, SYN-ACK (simultaneous open), data and FIN retransmission: the RTO.</summary>
    Retransmit,
    /// <summary>The delayed ACK (TCP_DELACK_MIN, 40 ms).</summary>
    DelayedAck,
    /// <summary>tcp_fin_timeout for an orphaned socket in FIN_WAIT_2.</summary>
    FinWait2,
}
