namespace TcpSwarm.Tcp;

/// <summary>What a TIME_WAIT record did with one segment (tcp_timewait_state_process's verdict).</summary>
public readonly record struct TimeWaitStep(TimeWaitVerdict Verdict, Segment Reply, TimerEdit Timer, SeqNum Isn)
{
    public static readonly TimeWaitStep Nothing = new(TimeWaitVerdict.Nothing, default, default, default);
}

/// <summary>TCP_TW_SUCCESS (nothing or killed), TCP_TW_ACK (reply with an ACK), TCP_TW_SYN (a new incarnation may start).</summary>
public enum TimeWaitVerdict : byte
{
    /// <summary>Dropped, perhaps after re-arming the timer (a bare in-window ACK).</summary>
    Nothing,
    /// <summary>Answer with the ACK in Reply (a retransmitted FIN, an old duplicate, an out-of-window segment).</summary>
    Ack,
    /// <summary>An exact RST assassinated the record (tcp_rfc1337 = 0): it is gone.</summary>
    Killed,
    /// <summary>A SYN newer than the old connection: hand it to the listener with Isn, or ACK it when there is none.</summary>
    SynAccepted,
}
