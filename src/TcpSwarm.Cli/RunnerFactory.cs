using TcpSwarm.Silo;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>Where `tcpswarm run` gets its engine: a single silo embedded in this process.</summary>
/// <remarks>A runner that is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after its run.</remarks>
internal static class RunnerFactory
{
    /// <summary>A new runner for one run.</summary>
    public static IScenarioRunner? Create() => new EmbeddedRunner();
}
