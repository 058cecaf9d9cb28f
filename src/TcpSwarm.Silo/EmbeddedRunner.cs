using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run` without a cluster: starts a single silo in this process, runs the scenario on it, stops it.</summary>
public sealed class EmbeddedRunner : IScenarioRunner
{
    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        await using var silo = await EmbeddedSilo.StartAsync(CancellationToken.None);
        var setup = silo.Setup("run", scenario);
        return await GrainRun.RunAsync(silo.Grains, setup, scenario, progress, cancellation);
    }
}
