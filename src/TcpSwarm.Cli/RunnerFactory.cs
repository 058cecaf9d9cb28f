using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>Where `tcpswarm run` gets its engine: the one place the embedded-silo runner plugs in.</summary>
/// <remarks>Until the engine lands this build has no runner, and `run` says so and exits 1 after checking its input.
/// The engine's author replaces the body of <see cref="Create"/> with the real runner, for example
/// <c>public static IScenarioRunner? Create() =&gt; new EmbeddedSiloRunner();</c>, and adds the project reference.
/// A runner that is <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> is disposed after its run.</remarks>
internal static class RunnerFactory
{
    /// <summary>A new runner for one run, or null while no engine is part of this build.</summary>
    public static IScenarioRunner? Create() => null;
}
