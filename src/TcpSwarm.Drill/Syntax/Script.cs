namespace TcpSwarm.Drill.Syntax;

/// <summary>A parsed script: its events in order, and the <c>--name=value</c> options written at its top.</summary>
public sealed record Script(
    string File, IReadOnlyList<ScriptEvent> Events, IReadOnlyDictionary<string, string> Options);
