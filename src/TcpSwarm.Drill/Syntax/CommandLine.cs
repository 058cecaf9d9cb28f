namespace TcpSwarm.Drill.Syntax;

/// <summary>A shell command between backticks; only the sysctl settings of the selftests' defaults.sh are played.
/// </summary>
public sealed record CommandLine(int Line, int Column, ScriptTime Time, string Text, string Command)
    : ScriptEvent(Line, Column, Time, null, Text);
