using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A simulated host: its tables, its applications, and the endpoint grains of its full sockets.</summary>
/// <remarks>
/// Host grains live on their partition's silo, so these calls never leave the process: the batch passes by
/// reference (Immutable) and the grain writes its window's output into it. A call that had to leave the silo would
/// fail loudly for want of a codec, never copy silently.
/// </remarks>
[Alias("TcpSwarm.IHostGrain")]
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Runs the batch's window; one way: the grain tells the batch's <see cref="HostBatch.Done"/>.</summary>
    [Alias("RunWindow"), OneWay]
    Task RunWindowAsync(Immutable<HostBatch> batch, long windowEndNanoseconds);

    /// <summary>The host's sample at a sampling instant (virtual time, ns).</summary>
    [Alias("Sample")]
    Task<Immutable<HostSample>> SampleAsync(long nowNanoseconds);

    /// <summary>The run is over: every endpoint grain of this host and then the host's own deactivate.</summary>
    [Alias("Forget")]
    Task ForgetAsync();

    [Alias("Trace")]
    Task<Immutable<TraceRecord[]>> TraceAsync();
}
