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
