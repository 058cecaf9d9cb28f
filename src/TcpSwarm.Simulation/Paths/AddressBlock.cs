namespace TcpSwarm.Simulation.Paths;

/// <summary>A run of consecutive addresses that every server, client range and spoofed range treats alike.</summary>
/// <param name="Server">The first server (in the scenario's order) at this address, or -1.</param>
/// <param name="SharedServers">When several servers share this address (different ports), the index of their list,
/// else -1.</param>
/// <param name="IsHost">Whether a simulated host holds these addresses: a server's, or a client group's.</param>
internal readonly record struct AddressBlock(int Server, int SharedServers, bool IsHost);
