using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One thing an endpoint is asked to handle in a window, at its instant (they come in time order).</summary>
/// <remarks>Small on purpose (a segment, a timer kind): a window moves many of these. What starts a connection, rare
/// and large, travels once in the work item (<see cref="EndpointStart"/>).</remarks>
public readonly record struct EndpointInput(EndpointInputKind Kind, Instant At, Segment Segment = default,
    TcbTimer Timer = default)
{
    public static EndpointInput Arriving(in Segment seg, Instant at) => new(EndpointInputKind.Segment, at, seg);
}

/// <summary>What starts a connection in a slot: the 4-tuple and ISN connect() chose, or the child the listener admitted,
/// and the session to play.</summary>
public readonly record struct EndpointStart(ActiveOpen Open = default, AcceptedConnection Child = default,
    SessionPlan Plan = default);

/// <summary>What kind of <see cref="EndpointInput"/>: a new connection, a segment, a timer or the application.</summary>
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
