using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>The hosts one silo owns in a run: their event queue and attackers, run leg by leg by the clock, and the
/// arrivals and promises they exchange with the peers their paths cross to.</summary>
[Alias("TcpSwarm.IPartitionGrain")]
public interface IPartitionGrain : IGrainWithStringKey
{
    /// <summary>Registers the run on this silo and builds the partition.</summary>
    [Alias("Prepare")]
    Task PrepareAsync(RunSetup setup);

    /// <summary>Runs this partition's windows toward <paramref name="target"/> (docs/architecture.md, "A window, top
    /// to bottom"), for at most about a second of wall time.</summary>
    [Alias("RunTo")]
    Task<Immutable<PartitionLeg>> RunToAsync(Instant target);

    /// <summary>A peer's message <paramref name="seq"/> (numbered from 0 per sender, read in that order whatever
    /// order the calls arrive in): its hosts' segments for this partition's, and its promise to send nothing more
    /// before <paramref name="through"/>.</summary>
    /// <remarks>Interleaves with a running leg: the arrivals are due no earlier than the end of the window this
    /// partition ran last, so they change nothing in it, and the promise may let it run the next.</remarks>
    [Alias("Deliver"), AlwaysInterleave]
    Task DeliverAsync(int from, long seq, Instant through, byte[] payload);

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
