namespace TcpSwarm.Simulation.Model;

/// <summary>When a client group calls connect(): constant, Poisson, ramp, stages, bursts, or a closed loop.</summary>
/// <remarks>Open processes (all but ClosedLoop) run from the group's Start to its Stop whatever happens to earlier
/// connections; a closed loop opens a new connection only when one of its sessions has ended.</remarks>
public abstract record ArrivalSpec
{
    private ArrivalSpec()
    {
    }

    /// <summary>Evenly spaced: one connection every 1/PerSecond, the first at the group's Start.</summary>
    /// <param name="PerSecond">Above 0.</param>
    public sealed record Constant(double PerSecond) : ArrivalSpec;

    /// <summary>A Poisson process: independent exponential gaps of mean 1/PerSecond.</summary>
    /// <param name="PerSecond">Above 0.</param>
    public sealed record Poisson(double PerSecond) : ArrivalSpec;

    /// <summary>A Poisson process whose rate goes linearly from From to To over Over, then stays at To.</summary>
    /// <param name="FromPerSecond">0 or more.</param>
    /// <param name="ToPerSecond">0 or more; not both 0.</param>
    /// <param name="Over">Above 0, measured from the group's Start.</param>
    public sealed record Ramp(double FromPerSecond, double ToPerSecond, TimeSpan Over) : ArrivalSpec;

    /// <summary>A Poisson process whose rate follows stages (k6's stages): from 0/s, each stage ramps linearly to its
    /// rate over its duration (over 0s jumps) or holds the rate; after the last stage nothing more arrives.</summary>
    /// <param name="Steps">At least one; their durations add up to at most a day.</param>
    public sealed record Stages(IReadOnlyList<ArrivalStage> Steps) : ArrivalSpec
    {
        /// <summary>The stages' total length, from the group's Start.</summary>
        public TimeSpan Length => Steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Over);
    }

    /// <summary>Size connections at the same instant, every Every, the first burst at the group's Start.</summary>
    /// <param name="Size">1 to 10,000,000.</param>
    /// <param name="Every">Above 0.</param>
    public sealed record Bursts(int Size, TimeSpan Every) : ArrivalSpec;

    /// <summary>Concurrent sessions, all started at the group's Start; each opens its next connection the instant
    /// its previous one ends, whatever the outcome (completed, refused, reset, timed out, port exhausted).</summary>
    /// <param name="Concurrent">1 to 100,000,000.</param>
    public sealed record ClosedLoop(int Concurrent) : ArrivalSpec;
}
