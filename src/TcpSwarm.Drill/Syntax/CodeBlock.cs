namespace TcpSwarm.Drill.Syntax;

/// <summary>A <c>%{ … }%</c> block: assertions on the socket's tcpi_* fields.</summary>
public sealed record CodeBlock(int Line, int Column, ScriptTime Time, string Text, string Code)
    : ScriptEvent(Line, Column, Time, null, Text);
