using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>One segment's fate and arrival instants: both Never unless it arrives, the second only when duplicated.
/// </summary>
/// <param name="Fate">What the network did with it.</param>
/// <param name="FirstArrival">The earlier arrival when Delivered or Duplicated, else <see cref="Instant.Never"/>.
/// </param>
/// <param name="SecondArrival">The later arrival when Duplicated (it may equal the first), else
/// <see cref="Instant.Never"/>.</param>
/// <param name="HeldBack">The path's <c>reorder</c> held the (first) copy back: later segments may overtake it.
/// </param>
public readonly record struct Transit(TransitFate Fate, Instant FirstArrival, Instant SecondArrival,
    bool HeldBack = false)
{
    internal static readonly Transit Lost = new(TransitFate.Lost, Instant.Never, Instant.Never);
    internal static readonly Transit Faulted = new(TransitFate.Faulted, Instant.Never, Instant.Never);
    internal static readonly Transit NoHost = new(TransitFate.NoHost, Instant.Never, Instant.Never);
}
