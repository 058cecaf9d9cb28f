namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>What one partition holds of a unit: all of it, or, of a split unit, a share of its client hosts, with
/// its servers and their attackers on one partition.</summary>
/// <param name="Unit">The unit's name.</param>
/// <param name="Split">True when the unit was split: other partitions hold the rest of it.</param>
/// <param name="Servers">The unit's servers when this part holds them; else empty.</param>
/// <param name="Groups">The client hosts this part holds, per group.</param>
/// <param name="Attackers">The attackers, with their servers.</param>
/// <param name="Work">The work expected on this part's hosts, in events.</param>
public sealed record PlacementPart(string Unit, bool Split, IReadOnlyList<string> Servers,
    IReadOnlyList<PlacedGroup> Groups, IReadOnlyList<string> Attackers, double Work);
