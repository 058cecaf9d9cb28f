namespace TcpSwarm.Tcp;

/// <summary>What a step meant to the application; one step may carry several.</summary>
[Flags]
public enum TcbEvents : byte
{
    None = 0,
    /// <summary>connect() returned (client) or the handshake's last step was taken (simultaneous open).</summary>
    Connected = 0x01,
    /// <summary>New in-order data became readable.</summary>
    DataArrived = 0x02,
    /// <summary>The peer's FIN arrived: a read now returns end of file.</summary>
    PeerClosed = 0x04,
    /// <summary>Everything the application wrote (and the FIN, if sent) is acknowledged.</summary>
    AllAcked = 0x08,
    /// <summary>The socket reached TIME_WAIT: the host takes a compact record and the full socket is freed.</summary>
    EnteredTimeWait = 0x10,
    /// <summary>The socket reached CLOSED (normally or by error); see <see cref="TcbStep.Error"/>.</summary>
    Closed = 0x20,
}
