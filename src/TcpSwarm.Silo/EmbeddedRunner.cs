using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run` without a cluster: starts a single silo in this process, runs the scenario on it, stops it.</summary>
/// <param name="metrics">The meter a metrics export serves (issue 4); null when nothing is exported.</param>
public sealed class EmbeddedRunner(TcpSwarmMetrics? metrics = null) : IScenarioRunner
{
    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var silo = await EmbeddedSilo.StartAsync(CancellationToken.None, metrics);
        var setup = silo.Setup("run", scenario);
        return await GrainRun.RunAsync(silo.Grains, setup, scenario, progress, cancellation);
    }
}
