using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Load;

/// <summary>Draws an application's wait from a <see cref="DelaySpec"/>: fixed takes no draw, uniform and exponential
/// one, normal two per attempt of the polar method (redrawn below min, as paths' latencies are).</summary>
public static class DelayDraw
{
    /// <summary>Purpose of the streams of application waits (close_after, service times): "wait".</summary>
    public const ulong Purpose = 0x7761_6974;

    private const int MaxNormalAttempts = 64;

    /// <summary>The wait, or null when the spec says never.</summary>
    public static TimeSpan? Draw(DelaySpec spec, ref SimRandom draws) => spec switch
    {
        DelaySpec.After a => Draw(a.Distribution, ref draws),
        _ => null,
    };

    /// <summary>One draw of a distribution, rounded to whole ticks (100 ns).</summary>
    public static TimeSpan Draw(LatencySpec spec, ref SimRandom draws)
    {
        ArgumentNullException.ThrowIfNull(spec);
        switch (spec)
        {
            case LatencySpec.Fixed f:
                return f.Delay;
            case LatencySpec.Uniform u:
                return u.Min + (u.Max - u.Min) * draws.NextDouble();
            case LatencySpec.Exponential e:
                return e.Min + (e.Mean - e.Min) * -Math.Log(1.0 - draws.NextDouble());   // 1 - U is in (0, 1]
            case LatencySpec.Normal n:
                if (n.StdDev <= TimeSpan.Zero) return n.Mean;
                for (int attempt = 0; attempt < MaxNormalAttempts; attempt++)
                {
                    double u = 2 * draws.NextDouble() - 1, v = 2 * draws.NextDouble() - 1, s = u * u + v * v;
                    if (s >= 1 || s == 0) continue;
                    double scale = Math.Sqrt(-2 * Math.Log(s) / s);
                    var x = n.Mean + n.StdDev * (u * scale);
                    if (x >= n.Min) return x;
                    x = n.Mean + n.StdDev * (v * scale);
                    if (x >= n.Min) return x;
                }
                return n.Min;
            default:
                throw new ArgumentException($"unknown distribution {spec}", nameof(spec));
        }
    }
}
