namespace TcpSwarm.Drill.Syntax;

/// <summary>A script that does not parse: where (1-based line and column) and what was expected there.</summary>
public sealed record ScriptProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
