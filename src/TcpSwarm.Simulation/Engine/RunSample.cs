namespace TcpSwarm.Simulation.Engine;

/// <summary>The whole run at one sampling instant: every host's sample, in address order, and the engine's own
/// counts.</summary>
public sealed record RunSample(TimeSpan VirtualTime, IReadOnlyList<HostSample> Hosts, long Windows, long Events,
    IReadOnlyList<(long SpoofedSyns, long Lost)> Attackers);
