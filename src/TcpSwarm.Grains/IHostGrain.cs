using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A simulated host: its tables, its applications, and the endpoint grains of its full sockets.</summary>
/// <remarks>
/// Host grains live on their partition's silo, so these calls never leave the process: a window's batch is handed
/// over by reference (<see cref="Handover{T}"/>) and the grain writes the window's output into it.
/// </remarks>
[Alias("TcpSwarm.IHostGrain")]
public interface IHostGrain : IGrainWithStringKey
{
    /// <summary>Runs the batch's window; one way: the grain tells the handover's <see cref="Handover{T}.Done"/>.
    /// </summary>
    [Alias("RunWindow"), OneWay]
    Task RunWindowAsync(Handover<HostBatch> batch, Instant windowEnd);

    /// <summary>The host's sample at a sampling instant.</summary>
    [Alias("Sample")]
    Task<Immutable<HostSample>> SampleAsync(Instant now);

    /// <summary>The run is over: every endpoint grain of this host and then the host's own deactivate.</summary>
    [Alias("Forget")]
    Task ForgetAsync();

    [Alias("Trace")]
    Task<Immutable<TraceRecord[]>> TraceAsync();
}
