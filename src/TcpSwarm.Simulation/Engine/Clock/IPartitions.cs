using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A run's partitions as its <see cref="RunClock"/> sees them: one per silo, each running its hosts' windows.
/// </summary>
/// <remarks>Every call covers all partitions at once and answers in partition order; the clock calls again only
/// after the previous call has completed everywhere, which is the barrier between windows.</remarks>
public interface IPartitions
{
    /// <summary>How many partitions the run's hosts are spread over.</summary>
    int Count { get; }

    /// <summary>Each partition's first event (<see cref="Instant.Never"/>: none).</summary>
    ValueTask<IReadOnlyList<Instant>> FirstEventsAsync();

    /// <summary>Runs one window on every partition, with its exchange of arrivals between partitions.</summary>
    ValueTask<IReadOnlyList<PartitionWindow>> RunWindowAsync(Instant windowEnd);

    /// <summary>Every partition's part of the sample at <paramref name="now"/>, between windows.</summary>
    ValueTask<IReadOnlyList<PartitionSample>> SampleAsync(Instant now);

    /// <summary>Every partition's traced segments.</summary>
    ValueTask<IReadOnlyList<TraceRecord>> TraceAsync();
}
