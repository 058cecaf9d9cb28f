using TcpSwarm.Silo;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>Where `tcpswarm run` gets its engine: a single silo embedded in this process.</summary>
/// <remarks>A runner that is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after its
/// run.</remarks>
internal static class RunnerFactory
{
    /// <summary>A new runner for one run, feeding the exported meter when there is one.</summary>
    public static IScenarioRunner? Create(TcpSwarmMetrics? metrics) => new EmbeddedRunner(metrics);
}
