namespace TcpSwarm.Drill.Syntax;

/// <summary>A parse: the script when it parsed, else every problem found, in order.</summary>
public sealed record ScriptParseResult(Script? Script, IReadOnlyList<ScriptProblem> Problems);
