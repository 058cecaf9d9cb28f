namespace TcpSwarm.Simulation.Results;

/// <summary>How long connections lived (connect() or admission to CLOSED or TIME_WAIT), over those that ended.
/// </summary>
/// <param name="Count">Connections that ended.</param>
public sealed record LifetimeFigures(long Count, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs)
{
    public static readonly LifetimeFigures None = new(0, null, null, null, null);
}
