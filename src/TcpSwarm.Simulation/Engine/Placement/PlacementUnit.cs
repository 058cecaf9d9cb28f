namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>Hosts that exchange segments, kept together when they can be: a server (with any server sharing its
/// address or its clients' addresses), its client groups and the attackers that flood it.</summary>
/// <param name="Name">Its servers' names, joined by '+', in ordinal order.</param>
/// <param name="Servers">Server names, in ordinal order.</param>
/// <param name="Groups">The client groups that target them, in ordinal order.</param>
/// <param name="Attackers">The attackers that target them, in ordinal order.</param>
/// <param name="ServerWork">The work expected at its servers, in events (<see cref="TrafficEstimate"/> and
/// <see cref="PlacementPlan.HostWindowCost"/>).</param>
/// <param name="ClientWork">The work expected at its client hosts, together.</param>
public sealed record PlacementUnit(string Name, IReadOnlyList<string> Servers, IReadOnlyList<string> Groups,
    IReadOnlyList<string> Attackers, long ServerWork, long ClientWork)
{
    /// <summary>The unit's expected work, in events.</summary>
    public long Work => ServerWork + ClientWork;
}
