using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>summary.json's lifetime figures: connections that ended and quantiles of their lifetimes in ms.</summary>
internal sealed record LifetimeDocument(long Count, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs)
{
    public static LifetimeDocument Of(LifetimeFigures l) => new(l.Count, l.P50Ms, l.P90Ms, l.P99Ms, l.MaxMs);
}
