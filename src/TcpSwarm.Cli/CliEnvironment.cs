using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>What the program touches outside itself: its two streams, whether stdout is a terminal, the engine, the
/// clock, Ctrl-C and the process's end. Tests give their own; <see cref="System"/> is the real one.</summary>
/// <param name="Out">Results and progress.</param>
/// <param name="Error">Problems, notes and failures.</param>
/// <param name="OutIsTerminal">A live view on a terminal; plain progress lines otherwise.</param>
/// <param name="Runners">A new runner for a run, given the meter it feeds when metrics are exported; or null while
/// the engine is not part of this build.</param>
/// <param name="Clock">Wall time: the start time in run.json and the pace of progress lines. Never virtual time.
/// </param>
/// <param name="Interruptions">Listens for Ctrl-C, SIGTERM and SIGHUP for the length of one verb.</param>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    bool OutIsTerminal,
    Func<TcpSwarmMetrics?, IScenarioRunner?> Runners,
    TimeProvider Clock,
    Func<TextWriter, Interruption> Interruptions)
{
    /// <summary>The process's console, the real runner factory, the system clock and the process's signals.</summary>
    public static CliEnvironment System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected,
        RunnerFactory.Create, TimeProvider.System, Interruption.OnSignals);
}
