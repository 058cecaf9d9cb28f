namespace TcpSwarm.Simulation.Engine;

/// <summary>The kinds of <see cref="HostEvent"/>.</summary>
public enum HostEventKind : byte
{
    /// <summary>A segment arrives from the network.</summary>
    Arrival,
    /// <summary>A TIME_WAIT record's or a request entry's timer.</summary>
    HostTimer,
    /// <summary>A timer of the endpoint in Slot (a Tcb timer or the application's).</summary>
    EndpointTimer,
    /// <summary>The client application calls connect().</summary>
    Connect,
    /// <summary>The server application (Server) may call accept() again (its accept rate).</summary>
    AcceptTick,
    /// <summary>The host's earliest wake-up is due: the host takes its due entries from its own queue (WakeQueue).
    /// </summary>
    WakeQueueDue,
}
