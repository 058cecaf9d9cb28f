using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Results;

/// <summary>Runs a validated scenario to its end (or until cancelled) and reports what happened.</summary>
/// <remarks>Cancellation stops at the last completed window and returns a report marked Interrupted; it does not
/// throw.</remarks>
public interface IScenarioRunner
{
    Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress, CancellationToken cancellation);
}
