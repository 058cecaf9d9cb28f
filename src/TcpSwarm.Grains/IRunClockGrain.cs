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

    /// <summary>Runs whole windows until the run's sample number <paramref name="sample"/> (from 0) is taken: that
    /// sample, or none once the run has finished, or the failure that stopped it.</summary>
    /// <remarks>The caller asks for the next sample before this one reaches it, so that the clock goes on meanwhile;
    /// the number makes each call's answer its own, whichever of the two the grain takes first.</remarks>
    [Alias("Step")]
    Task<Immutable<StepResult>> StepAsync(int sample);

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
