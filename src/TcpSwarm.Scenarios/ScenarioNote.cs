namespace TcpSwarm.Scenarios;

/// <summary>Something a valid scenario does that its author may not expect: a clamped backlog, a TIME_WAIT study.
/// </summary>
public sealed record ScenarioNote(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>The file as named, its control characters escaped (<see cref="Printable"/>).</summary>
    public string File { get; init; } = Printable.Of(File);

    /// <summary>The field, its control characters escaped.</summary>
    public string Field { get; init; } = Printable.Of(Field);

    /// <summary>The message, the input it quotes with its control characters escaped.</summary>
    public string Message { get; init; } = Printable.Of(Message);

    public override string ToString() => $"note: {ScenarioProblem.Locate(File, Line, Column)}: {Field}: {Message}";
}
