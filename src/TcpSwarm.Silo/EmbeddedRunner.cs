using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run` without a cluster: starts a single silo in this process and runs the scenario on it; the
/// silo stops when the runner is disposed, so that Orleans' meter is still served while the metrics linger.</summary>
/// <param name="metrics">The meter a metrics export serves (issue 4); null when nothing is exported.</param>
public sealed class EmbeddedRunner(TcpSwarmMetrics? metrics = null) : IScenarioRunner, IAsyncDisposable
{
    private EmbeddedSilo? _silo;

    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _silo ??= await EmbeddedSilo.StartAsync(CancellationToken.None, metrics);
        var setup = _silo.Setup("run", scenario);
        return await GrainRun.RunAsync(_silo.Grains, setup, scenario, progress, cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is { } silo) await silo.DisposeAsync();
        _silo = null;
    }
}
