namespace TcpSwarm.Simulation.Engine;

/// <summary>One partition's part of a sample: its hosts, its attackers, and the arrivals it has received so far.
/// </summary>
public sealed record PartitionSample(
    IReadOnlyList<HostSample> Hosts, IReadOnlyList<(long SpoofedSyns, long Lost)> Attackers, long[] ReceivedArrivals);
