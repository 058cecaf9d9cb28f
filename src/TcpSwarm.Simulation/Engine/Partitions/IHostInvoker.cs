using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One partition's hosts as the driver of its windows calls them: plain objects in this process
/// (<see cref="LocalHosts"/>), or host grains.</summary>
/// <remarks>The driver (the partition grain, or <see cref="LocalCluster"/>) calls these between the partition's own
/// steps; the hosts never call back into the partition.</remarks>
public interface IHostInvoker
{
    /// <summary>Runs each batch's host for the window; fills each batch's Output. Hosts are independent within a
    /// window.</summary>
    ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd);

    /// <summary>Reads every host's gauges and books at a sampling instant, in the order of
    /// <paramref name="hosts"/>.</summary>
    ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts, Instant now);

    /// <summary>The run is over: let the hosts (and their endpoints) go.</summary>
    ValueTask ForgetAsync(IReadOnlyList<uint> hosts);

    /// <summary>Every host's traced segments, hosts in the order given, each host's in the order it saw them.</summary>
    ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts);
}
