namespace TcpSwarm.Scenarios;

/// <summary>Something a valid scenario does that its author may not expect: a clamped backlog, a TIME_WAIT study.
/// </summary>
public sealed record ScenarioNote(string File, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"note: {File}:{Line}:{Column}: {Field}: {Message}";
}
