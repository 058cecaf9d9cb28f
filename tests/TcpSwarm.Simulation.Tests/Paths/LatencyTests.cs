using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using static TcpSwarm.Simulation.Tests.Paths.TestScenario;

namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Each latency distribution: never below its floor, and its sample moments inside their 99.9% intervals.
/// </summary>
public sealed class LatencyTests
{
    private const int N = 100_000;
    private const double Ms = 1e6;

    private static List<double> Delays(LatencySpec latency, TimeSpan jitter = default) =>
        Sender.DelaysNs(new Network(OnePath(Path("browsers", "web", latency, jitter))), N);

    [Fact]
    public void A_fixed_latency_delays_every_segment_by_exactly_that()
    {
        var delays = Delays(Fixed(12.5));

        Assert.All(delays, d => Assert.Equal(12.5 * Ms, d));
    }

    [Fact]
    public void A_uniform_latency_stays_in_its_bounds_with_the_uniform_mean_and_spread()
    {
        var delays = Delays(new LatencySpec.Uniform(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(25)));

        Assert.All(delays, d => Assert.InRange(d, 5 * Ms, 25 * Ms));
        var (mean, variance, fourth) = DiscreteUniform(5 * Ms, 25 * Ms);
        var sample = Moments.Of(delays);
        Confidence.MeanWithin(sample, mean, variance, "uniform");
        Confidence.VarianceWithin(sample, variance, fourth, "uniform");
    }

    [Fact]
    public void A_truncated_normal_never_goes_below_its_min_and_has_the_truncated_mean_not_the_untruncated_one()
    {
        // min 5 ms, mean 20 ms, stddev 10 ms: the cut is 1.5σ below the mean, so 6.7% of draws are drawn again and
        // the mean rises to 20 + 10·φ(1.5)/Φ(1.5) = 21.39 ms. Analytic moments: the density integrated.
        var delays = Delays(new LatencySpec.Normal(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMilliseconds(10)));

        Assert.All(delays, d => Assert.True(d >= 5 * Ms, $"{d} ns is below the 5 ms floor"));
        var (mean, variance, fourth) = TruncatedNormal(20 * Ms, 10 * Ms, 5 * Ms);
        Assert.InRange(mean, 21.38 * Ms, 21.40 * Ms);      // the integration agrees with the closed form
        var sample = Moments.Of(delays);
        Confidence.MeanWithin(sample, mean, variance, "truncated normal");
        Confidence.VarianceWithin(sample, variance, fourth, "truncated normal");
    }

    [Fact]
    public void A_normal_with_no_spread_is_its_mean()
    {
        var delays = Delays(new LatencySpec.Normal(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20),
            TimeSpan.Zero));

        Assert.All(delays, d => Assert.Equal(20 * Ms, d));
    }

    [Fact]
    public void An_exponential_latency_is_its_min_plus_an_exponential_of_mean_minus_min()
    {
        var delays = Delays(new LatencySpec.Exponential(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)));

        Assert.All(delays, d => Assert.True(d >= 5 * Ms, $"{d} ns is below the 5 ms floor"));
        double excess = 15 * Ms;                       // Exp(m): variance m², fourth central moment 9m⁴
        var sample = Moments.Of(delays);
        Confidence.MeanWithin(sample, 20 * Ms, excess * excess, "exponential");
        Confidence.VarianceWithin(sample, excess * excess, 9 * Math.Pow(excess, 4), "exponential");
    }

    [Fact]
    public void Jitter_adds_a_uniform_delay_from_zero_to_the_jitter_on_top_of_the_latency()
    {
        var delays = Delays(Fixed(10), jitter: TimeSpan.FromMilliseconds(4));

        Assert.All(delays, d => Assert.InRange(d, 10 * Ms, 14 * Ms));
        var (mean, variance, fourth) = DiscreteUniform(0, 4 * Ms);
        var sample = Moments.Of(delays);
        Confidence.MeanWithin(sample, 10 * Ms + mean, variance, "jitter");
        Confidence.VarianceWithin(sample, variance, fourth, "jitter");
    }

    // The integers a..b, equally likely: mean, variance and fourth central moment of the discrete uniform.
    private static (double Mean, double Variance, double Fourth) DiscreteUniform(double a, double b)
    {
        double k = b - a + 1;
        return ((a + b) / 2, (k * k - 1) / 12, (k * k - 1) * (3 * k * k - 7) / 240);
    }

    // The normal(μ, σ) conditioned on x >= min, by Simpson's rule over the standard density from the cut to 12σ
    // above the mean (beyond, the density is below 1e-31): its mean, variance and fourth central moment.
    private static (double Mean, double Variance, double Fourth) TruncatedNormal(double mu, double sigma, double min)
    {
        double lo = (min - mu) / sigma, hi = 12;
        const int Steps = 200_000;
        double h = (hi - lo) / Steps;
        var raw = new double[5];                       // ∫ z^k φ(z) dz, k = 0..4
        for (int i = 0; i <= Steps; i++)
        {
            double z = lo + i * h, w = i == 0 || i == Steps ? 1 : i % 2 == 1 ? 4 : 2;
            double phi = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI);
            for (int k = 0; k < 5; k++) raw[k] += w * Math.Pow(z, k) * phi;
        }
        for (int k = 0; k < 5; k++) raw[k] *= h / 3;
        double e1 = raw[1] / raw[0], e2 = raw[2] / raw[0], e3 = raw[3] / raw[0], e4 = raw[4] / raw[0];
        double variance = e2 - e1 * e1;
        double fourth = e4 - 4 * e1 * e3 + 6 * e1 * e1 * e2 - 3 * Math.Pow(e1, 4);
        return (mu + sigma * e1, sigma * sigma * variance, Math.Pow(sigma, 4) * fourth);
    }
}
