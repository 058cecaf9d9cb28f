using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>A (client group or attacker, server) pair joined by a path: its compiled delays and the faults on it.
/// </summary>
internal sealed class Route(CompiledPath path, FaultRule[] faults)
{
    public CompiledPath Path { get; } = path;

    /// <summary>Whether a fault active at sentNs takes this segment in this direction; no random draw.</summary>
    public bool Faulted(RouteDirections direction, in Segment seg, long sentNs)
    {
        foreach (ref readonly var fault in faults.AsSpan())
            if (fault.Takes(direction, in seg, sentNs)) return true;
        return false;
    }
}
