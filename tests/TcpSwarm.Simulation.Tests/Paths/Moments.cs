namespace TcpSwarm.Simulation.Tests.Paths;

/// <summary>A sample's size, mean and central moments (two passes, so large offsets lose no precision).</summary>
internal readonly record struct Moments(int N, double Mean, double Variance, double ThirdCentral, double FourthCentral)
{
    public static Moments Of(IReadOnlyList<double> values)
    {
        double mean = 0;
        foreach (var x in values) mean += x;
        mean /= values.Count;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var x in values)
        {
            double d = x - mean, d2 = d * d;
            (m2, m3, m4) = (m2 + d2, m3 + d2 * d, m4 + d2 * d2);
        }
        return new Moments(values.Count, mean, m2 / (values.Count - 1), m3 / values.Count, m4 / values.Count);
    }
}
