using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>The hosts one silo owns in a run: their event queue and attackers, run window by window by the clock,
/// and the arrivals they exchange with the run's other partitions, one message per pair per window.</summary>
[Alias("TcpSwarm.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Registers the run on this silo; the first event due here.</summary>
    [Alias("Prepare")]
    Task<Instant> PrepareAsync(RunSetup setup);

    /// <summary>Runs one window of this partition (docs/architecture.md, "A window, top to bottom").</summary>
    [Alias("RunWindow")]
    Task<Immutable<PartitionWindow>> RunWindowAsync(Instant windowEnd);

    /// <summary>Another partition's arrivals for this one's hosts, sent in the window ending then.</summary>
    /// <remarks>Interleaves with a running window: the sender waits for this call while this partition may be
    /// waiting for its own; the arrivals are due in a later window, so they change nothing in the current one.
    /// </remarks>
    [Alias("Deliver"), AlwaysInterleave]
    Task DeliverAsync(int from, Instant windowEnd, byte[] payload);

    /// <summary>Puts segments on their way to this partition's hosts as if the network delivered them at the given
    /// instants: strays, forgeries, tests. Before the run's first window.</summary>
    [Alias("Inject")]
    Task InjectAsync(Immutable<(Segment Segment, Instant At)[]> segments);

    [Alias("Sample")]
    Task<Immutable<PartitionSample>> SampleAsync(Instant now);

    [Alias("Trace")]
    Task<Immutable<TraceRecord[]>> TraceAsync();

    [Alias("Forget")]
    Task ForgetAsync();
}
