namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>How many of a client group's hosts one partition holds.</summary>
/// <param name="Name">The client group.</param>
/// <param name="Hosts">Its hosts on the partition.</param>
/// <param name="Of">Its hosts in all.</param>
public sealed record PlacedGroup(string Name, int Hosts, int Of);
