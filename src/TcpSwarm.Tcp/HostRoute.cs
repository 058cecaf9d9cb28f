namespace TcpSwarm.Tcp;

/// <summary>The owner a host's demultiplexer picked for an arriving segment.</summary>
public enum HostRoute : byte
{
    /// <summary>Not addressed to this host: nothing done.</summary>
    NotMine,
    /// <summary>A full socket (an endpoint's Tcb) owns the 4-tuple: deliver the segment to it.</summary>
    ToSocket,
    /// <summary>A TIME_WAIT record took it.</summary>
    TimeWait,
    /// <summary>A listener took it: a SYN, a request entry's segment, a cookie ACK, or an ACK it refused.</summary>
    Listener,
    /// <summary>No socket: answered with a RST unless it was one.</summary>
    NoSocket,
}
