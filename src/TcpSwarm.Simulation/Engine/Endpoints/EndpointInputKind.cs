namespace TcpSwarm.Simulation.Engine;

/// <summary>What kind of <see cref="EndpointInput"/>: a new connection, a segment, a timer or the
/// application.</summary>
public enum EndpointInputKind : byte
{
    /// <summary>connect() was called and the host chose the 4-tuple and ISN (the work's Start.Open), with the session
    /// to play (Start.Plan).</summary>
    Connect,
    /// <summary>The listener admitted the final ACK (the work's Start.Child; Segment is that ACK), with the session to
    /// serve (Start.Plan).</summary>
    Admit,
    /// <summary>A segment the host's demultiplexer routed to this full socket.</summary>
    Segment,
    /// <summary>One of the Tcb's timers reached the deadline the endpoint set.</summary>
    Timer,
    /// <summary>The application's own timer (think time, response delay) reached its deadline.</summary>
    AppTimer,
    /// <summary>The server application called accept() and got this connection.</summary>
    Accepted,
}
