using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A run's <see cref="RunClock"/> as a grain: advances virtual time a sampling interval per call over every
/// partition, and stops with an account when a silo of the run is lost.</summary>
[Alias("TcpSwarm.IRunClockGrain")]
public interface IRunClockGrain : IGrainWithStringKey
{
    /// <summary>Registers the run on every silo it uses and prepares its partitions.</summary>
    [Alias("Start")]
    Task StartAsync(RunSetup setup);

    /// <summary>Runs whole windows up to the next sampling instant: that sample, or none once the run has finished,
    /// or the failure that stopped it.</summary>
    [Alias("Step")]
    Task<Immutable<StepResult>> StepAsync();

    /// <summary>Takes the last sample where the run stopped (unless one was just taken there) and gives the totals.
    /// </summary>
    [Alias("Finish")]
    Task<Immutable<RunTotals>> FinishAsync();

    /// <summary>Every host's traced segments, hosts in address order.</summary>
    [Alias("Trace")]
    Task<Immutable<TraceRecord[]>> TraceAsync();

    /// <summary>Forgets the run on every silo still there; its grains are deactivated.</summary>
    [Alias("Stop")]
    Task StopAsync();
}
