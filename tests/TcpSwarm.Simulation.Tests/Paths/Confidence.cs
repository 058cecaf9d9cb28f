namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>Two-sided 99.9% confidence checks whose width comes from n and the variance, never a loose constant.
/// </summary>
/// <remarks>Every test seeds its streams, so a check either always passes or always fails; the interval says how far
/// an honest implementation may land from the analytic value (one fixed seed in a thousand would miss).</remarks>
internal static class Confidence
{
    /// <summary>The standard normal quantile for 99.9% two-sided: Φ⁻¹(0.9995).</summary>
    public const double Z = 3.2905267314919255;

    /// <summary>|observed - expected| within Z standard errors.</summary>
    public static void Within(double observed, double expected, double standardError, string what) =>
        Assert.True(Math.Abs(observed - expected) <= Z * standardError,
            $"{what}: observed {observed:R}, expected {expected:R} ± {Z * standardError:R} (99.9%)");

    /// <summary>A sample mean against its analytic mean, with the analytic variance of one value.</summary>
    public static void MeanWithin(Moments sample, double mean, double variance, string what) =>
        Within(sample.Mean, mean, Math.Sqrt(variance / sample.N), what + " mean");

    /// <summary>A sample variance against the analytic one: Var(s²) ≈ (μ4 - σ⁴(n-3)/(n-1))/n.</summary>
    public static void VarianceWithin(Moments sample, double variance, double fourthCentral, string what)
    {
        double n = sample.N;
        Within(sample.Variance, variance, Math.Sqrt((fourthCentral - variance * variance * (n - 3) / (n - 1)) / n),
            what + " variance");
    }

    /// <summary>A count of successes among n Bernoulli(p) trials: its binomial interval.</summary>
    public static void BinomialWithin(long successes, long n, double p, string what) =>
        Within(successes, n * p, Math.Sqrt(n * p * (1 - p)), what + " count");

    /// <summary>A Poisson count of mean λ: standard deviation √λ.</summary>
    public static void PoissonWithin(long count, double lambda, string what) =>
        Within(count, lambda, Math.Sqrt(lambda), what + " count");

    /// <summary>The coefficient of variation of exponential gaps against 1; its delta-method standard error
    /// Var(CV) ≈ [v/m⁴·Var(m) + Var(v)/(4·v·m²) - μ3/m³·Cov] / n, from the sample's own moments.</summary>
    public static void CoefficientOfVariationNearOne(Moments gaps, string what)
    {
        double m = gaps.Mean, v = gaps.Variance, n = gaps.N;
        double varMean = v / n, varVar = (gaps.FourthCentral - v * v) / n, cov = gaps.ThirdCentral / n;
        double se = Math.Sqrt(v / (m * m * m * m) * varMean + varVar / (4 * v * m * m) - cov / (m * m * m));
        Within(Math.Sqrt(v) / m, 1.0, se, what + " coefficient of variation");
    }
}
