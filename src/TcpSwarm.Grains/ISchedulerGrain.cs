using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A run's clock: owns its window scheduler, advances virtual time a sampling interval per call.</summary>
/// <remarks>Keyed by run id and placed with the run's hosts, so its calls to them stay in the silo.</remarks>
[Alias("TcpSwarm.ISchedulerGrain")]
public interface ISchedulerGrain : IGrainWithStringKey
{
    /// <summary>Runs whole windows up to the next sampling instant; the sample, or none once the run has finished.</summary>
    [Alias("Step")]
    Task<Immutable<RunSample?>> StepAsync(Immutable<IRunObserver?> observer);

    /// <summary>Takes the last sample where the run stopped, and returns every sample taken.</summary>
    [Alias("Finish")]
    Task<Immutable<IReadOnlyList<RunSample>>> FinishAsync();

    /// <summary>Every host's traced segments.</summary>
    [Alias("Trace")]
    Task<Immutable<IReadOnlyList<TraceRecord>>> TraceAsync();

    [Alias("Counts")]
    Task<(long Windows, long Events)> CountsAsync();
}
