using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>A test double of the engine: it simulates nothing and returns what the test tells it to, so that the
/// command line's handling of a report (files, summary, exit code) can be exercised before the engine exists.
/// </summary>
internal sealed class TestDoubleRunner(
    Func<Scenario, IProgress<RunProgress>?, CancellationToken, Task<RunReport>> behaviour)
    : IScenarioRunner, IDisposable
{
    public int Calls { get; private set; }

    public Scenario? Scenario { get; private set; }

    public bool Disposed { get; private set; }

    public static TestDoubleRunner Returning(RunReport report) => new((_, _, _) => Task.FromResult(report));

    /// <summary>Fails the test if a run is started: for input that must be refused before anything runs.</summary>
    public static TestDoubleRunner MustNotRun() =>
        new((_, _, _) => throw new InvalidOperationException("the runner was called for input that must be refused"));

    public Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        Calls++;
        Scenario = scenario;
        return behaviour(scenario, progress, cancellation);
    }

    public void Dispose() => Disposed = true;
}
