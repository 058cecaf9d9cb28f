using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Runs hosts' windows and reads their books: directly in this process, or as calls to host grains.</summary>
public interface IHostInvoker
{
    /// <summary>Runs each batch's host for the window; fills each batch's Output. Hosts are independent within a window.</summary>
    ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd);

    /// <summary>Reads every host's gauges and books at a sampling instant, in the order of <paramref name="hosts"/>.</summary>
    ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts, Instant now);

    /// <summary>The run is over: let the hosts (and their endpoints) go.</summary>
    ValueTask ForgetAsync(IReadOnlyList<uint> hosts);

    /// <summary>Every host's traced segments, hosts in the order given, each host's in the order it saw them.</summary>
    ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts);
}

/// <summary>One host's events for a window and, after it ran, what it produced.</summary>
public sealed class HostBatch
{
    public uint Host;
    public List<HostEvent> Events { get; } = [];
    public HostWindow Output { get; } = new();

    /// <summary>Told when the batch has run, by whoever ran it elsewhere (a grain called one way); null in process.
    /// </summary>
    public IWorkDone? Done { get; set; }
}

/// <summary>How a piece of work handed to another activation says it has run, or failed.</summary>
public interface IWorkDone
{
    void Done(Exception? failure);
}

/// <summary>Observes a run between windows: paces it against the wall clock and hears its samples.</summary>
/// <remarks>The wall clock stays above this layer: the engine never reads it.</remarks>
public interface IRunObserver
{
    /// <summary>Called after each window; may wait so that virtual time runs no faster than the scenario's speed.</summary>
    ValueTask PaceAsync(TimeSpan virtualNow);

    /// <summary>Called at each sampling instant with the run's state then.</summary>
    void Sampled(RunSample sample);
}
