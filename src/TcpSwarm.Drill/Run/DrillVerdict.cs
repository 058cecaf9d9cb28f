namespace TcpSwarm.Drill.Run;

/// <summary>How a script ended: passed, failed at a line (what was expected and what the model did), or stopped at a
/// construct outside the model.</summary>
/// <param name="Line">The script line of the failure or the unsupported construct; 0 for a pass.</param>
/// <param name="Ladder">The run, one line per packet, call and check, in time order.</param>
public sealed record DrillVerdict(DrillOutcome Outcome, int Line, string Message, IReadOnlyList<string> Ladder);
