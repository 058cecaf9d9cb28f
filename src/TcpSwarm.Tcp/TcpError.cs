namespace TcpSwarm.Tcp;

/// <summary>How a connection failed, in errno's words; None while it has not.</summary>
public enum TcpError : byte
{
    None,
    /// <summary>ECONNREFUSED: connect() got a RST for its SYN.</summary>
    ConnRefused,
    /// <summary>ECONNRESET: an open connection was ended by a RST it did not ask for.</summary>
    ConnReset,
    /// <summary>ETIMEDOUT: connect() gave up, or data retransmissions ran out.</summary>
    TimedOut,
    /// <summary>EADDRNOTAVAIL: connect() found no free 4-tuple in ip_local_port_range.</summary>
    AddrNotAvail,
}
