namespace TcpSwarm.Simulation.Paths;

/// <summary>What the network did with one segment: delivered once or twice, lost, taken by a fault, or undeliverable.
/// </summary>
public enum TransitFate : byte
{
    /// <summary>Arrives once, at <see cref="Transit.FirstArrival"/>.</summary>
    Delivered,
    /// <summary>Arrives twice, the copy with its own delay; <see cref="Transit.SecondArrival"/> is the later.</summary>
    Duplicated,
    /// <summary>Lost by the path's random loss (its loss probability).</summary>
    Lost,
    /// <summary>Taken by a scheduled fault (drop, black hole, partition) active when it was sent.</summary>
    Faulted,
    /// <summary>Addressed to no simulated host (a spoofed source): it leaves and nobody receives it.</summary>
    NoHost,
}
