namespace TcpSwarm.Drill.Syntax;

/// <summary>How a time is written: <c>0.1</c>, <c>+0.1</c>, or <c>*</c>.</summary>
public enum TimeKind : byte { Absolute, Relative, Any }
