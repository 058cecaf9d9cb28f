using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run` without a cluster: starts a single silo in this process, runs the scenario on it, stops it.</summary>
public sealed class EmbeddedRunner : IScenarioRunner
{
    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        await using var silo = await EmbeddedSilo.StartAsync(CancellationToken.None);
        return await GrainRun.RunAsync(silo.Grains, silo.Runs, "run", scenario, progress, cancellation);
    }
}
