namespace TcpSwarm.Tcp;

/// <summary>What a host says of one candidate 4-tuple while connect() scans for a port.</summary>
public enum PortVerdict : byte
{
    /// <summary>Nothing uses the 4-tuple: take the port.</summary>
    Free,
    /// <summary>In use (a full socket, a request, a bound port, or TIME_WAIT that may not be reused yet).</summary>
    Busy,
    /// <summary>Held by a TIME_WAIT record that tcp_twsk_unique lets connect() take over.</summary>
    ReuseTimeWait,
}
