namespace TcpSwarm.Simulation.Engine;

/// <summary>Observes a run between the clock's calls: paces it against the wall clock and hears its samples.
/// </summary>
/// <remarks>The wall clock stays above this layer: the engine never reads it.</remarks>
public interface IRunObserver
{
    /// <summary>Called after each round of the clock's calls to the partitions (each call runs them toward the next
    /// sampling instant for at most about a second); may wait so that virtual time runs no faster than the scenario's
    /// speed.</summary>
    ValueTask PaceAsync(TimeSpan virtualNow);

    /// <summary>Called at each sampling instant with the run's state then.</summary>
    void Sampled(RunSample sample);
}
