namespace TcpSwarm.Simulation.Load;

/// <summary>A rate rising (or falling) linearly from From to To over Over, then flat: its integral and inverse.
/// </summary>
/// <remarks>Time t is in ns from the group's Start, rates in arrivals per second. The integral Λ(t) is the expected
/// number of arrivals in [0, t); a non-homogeneous Poisson process's next arrival after s is Λ⁻¹(Λ(s) + E), E
/// exponential of mean 1.</remarks>
internal readonly struct RampHazard
{
    private readonly double _a;           // rate at 0, per ns
    private readonly double _b;           // slope, per ns²
    private readonly double _c;           // rate from Over on, per ns
    private readonly double _overNs;
    private readonly double _atOver;      // Λ(Over)

    public RampHazard(double fromPerSecond, double toPerSecond, long overNs)
    {
        _a = fromPerSecond / 1e9;
        _c = toPerSecond / 1e9;
        _overNs = overNs;
        _b = (_c - _a) / _overNs;
        _atOver = _a * _overNs + _b * _overNs * _overNs / 2;
    }

    public double Integral(double tNs) =>
        tNs <= _overNs ? _a * tNs + _b * tNs * tNs / 2 : _atOver + _c * (tNs - _overNs);

    /// <summary>The t with Λ(t) = y; +infinity when the rate is 0 from Over on and y is past Λ(Over).</summary>
    public double TimeOf(double y)
    {
        if (y <= _atOver)
        {
            // The root of b/2·t² + a·t = y, in the form that does not cancel when b is small or negative; the
            // discriminant is (a + b·t)² >= 0 in exact arithmetic, so a rounding below 0 is clamped.
            double root = Math.Sqrt(Math.Max(0, _a * _a + 2 * _b * y));
            return y <= 0 ? 0 : 2 * y / (_a + root);
        }
        return _c > 0 ? _overNs + (y - _atOver) / _c : double.PositiveInfinity;
    }
}
