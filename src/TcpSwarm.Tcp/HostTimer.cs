namespace TcpSwarm.Tcp;

/// <summary>A timer a host keeps for a compact entry: a TIME_WAIT record's 2·MSL, or a request entry's SYN-ACK
/// timer.</summary>
public readonly record struct HostTimer(HostTimerKind Kind, SocketPair Tuple, TimerEdit Edit)
{
    public bool IsSet => Edit.Action == TimerAction.Set;
}
