namespace TcpSwarm.Simulation.Results;

/// <summary>An event of <see cref="RunEventKind"/> at one server or client group: its first and last instants in
/// virtual seconds (the earliest and latest over the hosts there), how many times, and Linux's words for it.</summary>
public sealed record RunEvent(string Name, string Where, double FirstS, double LastS, long Count,
    string? LinuxMessage);
