namespace TcpSwarm.Drill.Syntax;

/// <summary>A packet line: <c>&lt;</c> the script injects it, <c>&gt;</c> the local stack must send it.</summary>
/// <param name="Flags">The flag letters as written (S F R P . E W U).</param>
/// <param name="Options">The option list, or null when none was written; <c>AnyOptions</c> for <c>&lt;...&gt;</c>.
/// </param>
/// <param name="Unsupported">A construct outside the model (ECN marks, sack blocks, …), or null.</param>
public sealed record PacketLine(
    int Line, int Column, ScriptTime Time, ScriptTime? End, string Text,
    bool Inbound, string Flags, long StartSeq, long EndSeq, int Length, long? Ack, long? Window,
    IReadOnlyList<PacketOption>? Options, bool AnyOptions, string? Unsupported)
    : ScriptEvent(Line, Column, Time, End, Text);
