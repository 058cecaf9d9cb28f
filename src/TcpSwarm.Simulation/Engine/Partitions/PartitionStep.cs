using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What a partition can do next on its way to a target instant: run the window ending at
/// <paramref name="WindowEnd"/>, wait for a peer's promise, or nothing (it has reached the target).</summary>
public readonly record struct PartitionStep(PartitionStepKind Kind, Instant WindowEnd)
{
    public static PartitionStep Wait => new(PartitionStepKind.Wait, Instant.Never);
    public static PartitionStep Reached => new(PartitionStepKind.Reached, Instant.Never);
    public static PartitionStep Window(Instant end) => new(PartitionStepKind.Window, end);
}
