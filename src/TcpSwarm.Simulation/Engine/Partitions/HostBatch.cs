namespace TcpSwarm.Simulation.Engine;

/// <summary>One host's events for a window and, after it ran, what it produced; the partition's, reused window after
/// window.</summary>
public sealed class HostBatch
{
    public uint Host;
    public List<HostEvent> Events { get; } = [];
    public HostWindow Output { get; } = new();
}
