namespace TcpSwarm.Tcp;

/// <summary>TCP_TW_SUCCESS (nothing or killed), TCP_TW_ACK (reply with an ACK), TCP_TW_SYN (a new incarnation may
/// start).</summary>
public enum TimeWaitVerdict : byte
{
    /// <summary>Dropped, perhaps after re-arming the timer (a bare in-window ACK).</summary>
    Nothing,
    /// <summary>Answer with the ACK in Reply (a retransmitted FIN, an old duplicate, an out-of-window
    /// segment).</summary>
    Ack,
    /// <summary>An exact RST assassinated the record (tcp_rfc1337 = 0): it is gone.</summary>
    Killed,
    /// <summary>A SYN newer than the old connection: hand it to the listener with Isn, or ACK it when there is
    /// none.</summary>
    SynAccepted,
}
