namespace TcpSwarm.Drill.Syntax;

/// <summary>What a <see cref="ScriptValue"/> is.</summary>
public enum ValueKind : byte { Number, Name, Ellipsis, String, List, Struct, Field, Binary, Call }
