namespace TcpSwarm.Tcp;

/// <summary>What a TIME_WAIT record did with one segment (tcp_timewait_state_process's verdict).</summary>
public readonly record struct TimeWaitStep(TimeWaitVerdict Verdict, Segment Reply, TimerEdit Timer, SeqNum Isn)
{
    public static readonly TimeWaitStep Nothing = new(TimeWaitVerdict.Nothing, default, default, default);
}
