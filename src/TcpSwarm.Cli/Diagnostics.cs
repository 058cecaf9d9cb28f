using TcpSwarm.Scenarios;

namespace TcpSwarm.Cli;

/// <summary>Prints a scenario's problems and notes as the loader words them, and the refusal that ends a verb.
/// </summary>
internal static class Diagnostics
{
    /// <summary>The machine's available memory: a run estimated to need more is refused before it starts.</summary>
    public static long MemoryLimitBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Every problem (one line each, exactly the ScenarioProblem text), then "N problems; nothing was
    /// started."; returns exit code 2.</summary>
    public static int Refuse(IReadOnlyList<ScenarioProblem> problems, TextWriter error)
    {
        foreach (var problem in problems) error.WriteLine(problem.ToString());
        error.WriteLine(problems.Count == 1
            ? "1 problem; nothing was started."
            : $"{problems.Count} problems; nothing was started.");
        return ExitCodes.BadInput;
    }

    public static void PrintNotes(IReadOnlyList<ScenarioNote> notes, TextWriter error)
    {
        foreach (var note in notes) error.WriteLine(note.ToString());
    }

    /// <summary>A message that may span lines, on one line: its lines trimmed and joined by spaces.</summary>
    internal static string OneLine(string text) => string.Join(' ',
        text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>An exception is a bug of ours: all of it, with its stack trace, and how to reproduce it.</summary>
    public static int Bug(Exception exception, ulong? seed, TextWriter error)
    {
        error.WriteLine("tcpswarm: this is a bug in tcpswarm, not a mistake in the input; please report it with the "
                        + "scenario and what follows:");
        error.WriteLine(exception.ToString());
        if (seed is { } s) error.WriteLine($"rerun with --seed {s} to reproduce it");
        error.Flush();
        return ExitCodes.Other;
    }
}
