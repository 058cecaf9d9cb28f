using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What a partition can do next on its way to a target instant: run the window ending at
/// <paramref name="WindowEnd"/> for one <paramref name="Track"/> of its hosts, wait for a peer's promise, or nothing
/// (it has reached the target).</summary>
public readonly record struct PartitionStep(PartitionStepKind Kind, Instant WindowEnd, HostTrack Track)
{
    public static PartitionStep Wait => new(PartitionStepKind.Wait, Instant.Never, HostTrack.Inner);
    public static PartitionStep Reached => new(PartitionStepKind.Reached, Instant.Never, HostTrack.Inner);
    public static PartitionStep Window(Instant end, HostTrack track) => new(PartitionStepKind.Window, end, track);
}
