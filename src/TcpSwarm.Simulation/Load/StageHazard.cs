using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Load;

/// <summary>The rate of <see cref="ArrivalSpec.Stages"/>: piecewise linear from 0, then 0 after the last stage; its
/// integral and inverse, as <see cref="RampHazard"/> gives them for one ramp.</summary>
/// <remarks>Time in ns from the group's Start, rates per address. A non-homogeneous Poisson process's next arrival
/// after s is Λ⁻¹(Λ(s) + E), E exponential of mean 1; past the last stage Λ⁻¹ is +infinity (nothing arrives).
/// </remarks>
internal sealed class StageHazard
{
    private readonly double[] _t;          // stage boundaries, ns; _t[0] = 0
    private readonly double[] _rate;       // rate at each boundary's end of the previous stage, per ns
    private readonly double[] _from;       // rate at each stage's start, per ns (differs from _rate[i] after a jump)
    private readonly double[] _lambda;     // Λ at each boundary

    public StageHazard(IReadOnlyList<ArrivalStage> stages, double shareOfGroup)
    {
        int n = stages.Count;
        (_t, _rate, _from, _lambda) = (new double[n + 1], new double[n + 1], new double[n], new double[n + 1]);
        double rate = 0;
        for (int i = 0; i < n; i++)
        {
            var s = stages[i];
            double to = s.Hold ? rate : s.ToPerSecond * shareOfGroup / 1e9;
            double len = s.Over.Ticks * (double)TimeSpan.NanosecondsPerTick;
            // A stage of length 0 is a jump: the next stage starts from its rate.
            _from[i] = len > 0 ? rate : to;
            _t[i + 1] = _t[i] + len;
            _rate[i + 1] = to;
            _lambda[i + 1] = _lambda[i] + (_from[i] + to) / 2 * len;
            rate = to;
        }
    }

    /// <summary>When the last stage ends, in ns from Start.</summary>
    public double EndNs => _t[^1];

    public double Integral(double tNs)
    {
        if (tNs <= 0) return 0;
        if (tNs >= EndNs) return _lambda[^1];
        int i = Piece(tNs);
        double len = _t[i + 1] - _t[i], x = tNs - _t[i];
        double slope = len > 0 ? (_rate[i + 1] - _from[i]) / len : 0;
        return _lambda[i] + _from[i] * x + slope * x * x / 2;
    }

    /// <summary>The t with Λ(t) = y; +infinity past the last stage's integral.</summary>
    public double TimeOf(double y)
    {
        if (y <= 0) return 0;
        if (y >= _lambda[^1]) return double.PositiveInfinity;
        int i = 0;
        while (_lambda[i + 1] <= y) i++;                    // ends: y < Λ at the last boundary
        double len = _t[i + 1] - _t[i], a = _from[i], b = (_rate[i + 1] - a) / len, dy = y - _lambda[i];
        // The root of b/2·x² + a·x = dy in the form that does not cancel (see RampHazard).
        double root = Math.Sqrt(Math.Max(0, a * a + 2 * b * dy));
        double x = a + root > 0 ? 2 * dy / (a + root) : 0;
        return _t[i] + Math.Min(x, len);
    }

    private int Piece(double tNs)
    {
        int i = Array.BinarySearch(_t, tNs);
        if (i < 0) i = ~i - 1;
        while (i + 1 < _t.Length - 1 && _t[i + 1] <= tNs) i++;
        return Math.Min(i, _t.Length - 2);
    }
}
