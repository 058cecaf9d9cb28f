namespace TcpSwarm.Simulation.Model;

/// <summary>A one-way latency distribution with a positive floor: fixed, uniform, normal or exponential.</summary>
/// <remarks>No distribution here can reach 0: the floor bounds the lookahead of the windowed clock
/// (docs/virtual-time.md), so a path whose latency could be 0 is refused when the scenario is loaded.</remarks>
public abstract record LatencySpec
{
    private LatencySpec()
    {
    }

    /// <summary>The smallest delay this distribution can give, always above 0.</summary>
    public abstract TimeSpan Floor { get; }

    /// <summary>The distribution's mean in seconds, as the memory and traffic estimates use it.</summary>
    public abstract double MeanSeconds { get; }

    /// <summary>Always Delay.</summary>
    /// <param name="Delay">Above 0.</param>
    public sealed record Fixed(TimeSpan Delay) : LatencySpec
    {
        public override TimeSpan Floor => Delay;
        public override double MeanSeconds => Delay.TotalSeconds;
    }

    /// <summary>Uniform on [Min, Max].</summary>
    /// <param name="Min">Above 0.</param>
    /// <param name="Max">At least Min.</param>
    public sealed record Uniform(TimeSpan Min, TimeSpan Max) : LatencySpec
    {
        public override TimeSpan Floor => Min;
        public override double MeanSeconds => (Min + Max).TotalSeconds / 2;
    }

    /// <summary>A normal distribution of Mean and StdDev truncated at Min: a draw below Min is drawn again.</summary>
    /// <param name="Min">Above 0.</param>
    /// <param name="Mean">At least Min.</param>
    /// <param name="StdDev">0 or more; 0 makes it Fixed(Mean).</param>
    public sealed record Normal(TimeSpan Min, TimeSpan Mean, TimeSpan StdDev) : LatencySpec
    {
        public override TimeSpan Floor => Min;
        public override double MeanSeconds => Mean.TotalSeconds;
    }

    /// <summary>Min plus an exponential delay of mean (Mean - Min), so the distribution's mean is Mean.</summary>
    /// <param name="Min">Above 0.</param>
    /// <param name="Mean">Above Min.</param>
    public sealed record Exponential(TimeSpan Min, TimeSpan Mean) : LatencySpec
    {
        public override TimeSpan Floor => Min;
        public override double MeanSeconds => Mean.TotalSeconds;
    }
}
