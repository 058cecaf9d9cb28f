namespace TcpSwarm.Cli.Output;

/// <summary>One attacker in summary.json, under its name: its target, spoofed SYNs sent and lost.</summary>
internal sealed record AttackerDocument(string Target, long SpoofedSyns, long Lost);
