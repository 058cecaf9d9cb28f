using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What a partition tells a peer its hosts can send to: the segments for the peer's hosts since the last
/// message, and the promise that it will send nothing more before <paramref name="Through"/>.</summary>
public readonly record struct PeerMessage(int To, IReadOnlyList<Arrival> Arrivals, Instant Through);
