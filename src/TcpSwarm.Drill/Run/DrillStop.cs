namespace TcpSwarm.Drill.Run;

// Ends a run at a script line: a mismatch (Fail) or a construct outside the model (Unsupported).
internal sealed class DrillStop(DrillOutcome outcome, int line, string message) : Exception(message)
{
    public DrillOutcome Outcome { get; } = outcome;
    public int Line { get; } = line;

    public static DrillStop Fail(int line, string message) => new(DrillOutcome.Fail, line, message);
    public static DrillStop Unsupported(int line, string message) => new(DrillOutcome.Unsupported, line, message);
}
