using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What starts a connection in a slot: the 4-tuple and ISN connect() chose, or the child the listener
/// admitted, and the session to play.</summary>
public readonly record struct EndpointStart(ActiveOpen Open = default, AcceptedConnection Child = default,
    SessionPlan Plan = default);
