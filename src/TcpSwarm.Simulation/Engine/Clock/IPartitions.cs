using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A run's partitions as its <see cref="RunClock"/> sees them: one per silo, each running its hosts' windows
/// and exchanging with its peers on its own between the clock's calls.</summary>
/// <remarks>Every call covers all partitions at once and answers in partition order; the clock calls again only
/// after the previous call has completed everywhere. Only the samples are a barrier: between them each partition
/// waits for no one but the peers that can send to it (<see cref="CrossingPaths"/>).</remarks>
public interface IPartitions
{
    /// <summary>How many partitions the hosts are spread over.</summary>
    int Count { get; }

    /// <summary>Runs every partition toward <paramref name="target"/>, a sampling instant or the end: each runs its
    /// windows and exchanges with its peers until it reaches the target or its driver's budget runs out.</summary>
    ValueTask<IReadOnlyList<PartitionLeg>> RunToAsync(Instant target);

    /// <summary>Every partition's part of the sample at <paramref name="now"/>, once all have reached it.</summary>
    ValueTask<IReadOnlyList<PartitionSample>> SampleAsync(Instant now);

    /// <summary>Every partition's traced segments.</summary>
    ValueTask<IReadOnlyList<TraceRecord>> TraceAsync();
}
