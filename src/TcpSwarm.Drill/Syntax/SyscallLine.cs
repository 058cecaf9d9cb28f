namespace TcpSwarm.Drill.Syntax;

/// <summary>A system call and what it must return: <c>connect(3, ..., ...) = -1 EINPROGRESS (…)</c>.</summary>
/// <param name="Errno">The errno name when the call must fail, else null.</param>
public sealed record SyscallLine(
    int Line, int Column, ScriptTime Time, ScriptTime? End, string Text,
    string Name, IReadOnlyList<ScriptValue> Args, ScriptValue Result, string? Errno)
    : ScriptEvent(Line, Column, Time, End, Text);
