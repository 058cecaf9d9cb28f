namespace TcpSwarm.Simulation.Engine;

/// <summary>Which of a partition's hosts a window runs: those a path joins to another partition's hosts, or the rest.
/// </summary>
/// <remarks>Inner hosts hear from no peer, so they never wait for a promise: a partition runs their window while a
/// peer's promise is on its way, after it has sent its own (docs/virtual-time.md, "Border and inner hosts").</remarks>
public enum HostTrack
{
    /// <summary>Hosts that exchange segments only with hosts of their own partition.</summary>
    Inner,

    /// <summary>Hosts a path joins to a host on another partition: they may hear from peers and send to them.</summary>
    Border,
}
