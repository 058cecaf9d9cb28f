namespace TcpSwarm.Simulation.Results;

/// <summary>One attacker: spoofed SYNs sent (they are not connection attempts) and how many the network lost.</summary>
public sealed record AttackerSummary(string Name, string Target, long SpoofedSyns, long Lost);
