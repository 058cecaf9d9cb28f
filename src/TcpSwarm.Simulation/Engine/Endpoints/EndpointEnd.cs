using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>How a connection ended in a window, if it did: TIME_WAIT handed over, or closed (with errno and
/// outcome).</summary>
public readonly record struct EndpointEnd(
    EndpointEndKind Kind, Instant At, TimeWaitEntry TimeWait, TcpError Error, bool CleanClose, AttemptOutcome Outcome,
    Instant ConnectedAt, Instant StartedAt);
