using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>One <see cref="PathSpec"/> in integer nanoseconds: draws a segment's fate and delays from its own stream.
/// </summary>
/// <remarks>
/// The draws of one segment, in this order, from the segment's sub-stream (<see cref="Network.Send"/>):
/// 1. loss: uniform below 1,000,000, lost when under LossPpm (then nothing more is drawn);
/// 2. duplicate: likewise against DuplicatePpm;
/// 3. reorder: likewise against ReorderPpm;
/// 4. the latency of the (first) copy: none for fixed, one for uniform and exponential, two per attempt of the
///    polar method for normal (an attempt yields two candidates; a candidate below Min is drawn again);
/// 5. its jitter, uniform on [0, Jitter] ns (drawn even when Jitter is 0, so it always takes one draw);
/// 6. only when reordered: the extra delay, uniform on [1, floor + Jitter] ns;
/// 7. only when duplicated: the copy's latency and jitter, as 4 and 5.
/// The three probabilities come first whatever their settings, so a segment's delays do not depend on them:
/// raising the loss only turns delivered segments into lost ones, with the same latencies.
/// </remarks>
internal sealed class CompiledPath
{
    private const uint PartsPerMillion = 1_000_000;

    // Beyond this many polar attempts (each accepted with probability above 0.58) the floor is returned: the chance
    // of getting there is below 1e-24, so the distribution is the redrawn one for any run anyone will make.
    private const int MaxNormalAttempts = 64;

    private readonly LatencyKind _kind;
    private readonly long _minNs, _maxNs;              // fixed: the delay in _minNs; uniform: [min, max]
    private readonly double _meanNs, _stdDevNs;        // normal
    private readonly double _excessMeanNs;             // exponential: mean - min
    private readonly long _jitterNs;
    private readonly uint _lossPpm, _duplicatePpm, _reorderPpm;

    public CompiledPath(PathSpec spec)
    {
        switch (spec.Latency)
        {
            case LatencySpec.Fixed f:
                (_kind, _minNs) = (LatencyKind.Fixed, Ns(f.Delay));
                break;
            case LatencySpec.Uniform u:
                (_kind, _minNs, _maxNs) = (LatencyKind.Uniform, Ns(u.Min), Ns(u.Max));
                break;
            case LatencySpec.Normal { StdDev.Ticks: 0 } n:       // the model says: StdDev 0 makes it Fixed(Mean)
                (_kind, _minNs) = (LatencyKind.Fixed, Ns(n.Mean));
                break;
            case LatencySpec.Normal n:
                (_kind, _minNs, _meanNs, _stdDevNs) = (LatencyKind.Normal, Ns(n.Min), Ns(n.Mean), Ns(n.StdDev));
                break;
            case LatencySpec.Exponential e:
                (_kind, _minNs, _excessMeanNs) = (LatencyKind.Exponential, Ns(e.Min), Ns(e.Mean) - Ns(e.Min));
                break;
            default:
                throw new ArgumentException($"unknown latency {spec.Latency}", nameof(spec));
        }
        if (_minNs <= 0) throw new ArgumentException($"path {spec.From}-{spec.To}: latency floor not above 0");
        _jitterNs = Ns(spec.Jitter);
        FloorNs = Ns(spec.Latency.Floor);
        KeepsOrder = spec.KeepOrder;
        (_lossPpm, _duplicatePpm, _reorderPpm) = (Ppm(spec.LossPpm), Ppm(spec.DuplicatePpm), Ppm(spec.ReorderPpm));
    }

    /// <summary>The smallest one-way delay, in ns: the latency's floor (jitter and reordering only add).</summary>
    public long FloorNs { get; }

    /// <summary>Whether a direction of a connection arrives in the order it was sent (jitter only delays it).
    /// </summary>
    public bool KeepsOrder { get; }

    /// <summary>The segment's fate and arrivals, drawn from <paramref name="draws"/>, its own sub-stream.</summary>
    public Transit Carry(Instant sentAt, ref SimRandom draws)
    {
        bool lost = draws.NextBelow(PartsPerMillion) < _lossPpm;
        if (lost) return Transit.Lost;
        bool duplicated = draws.NextBelow(PartsPerMillion) < _duplicatePpm;
        bool reordered = draws.NextBelow(PartsPerMillion) < _reorderPpm;

        long first = sentAt.Nanoseconds + DelayNs(ref draws);
        // Held back by up to one floor plus jitter: enough for segments sent just after it to overtake it.
        if (reordered) first += 1 + (long)Below(ref draws, (ulong)(FloorNs + _jitterNs));
        if (!duplicated) return new Transit(TransitFate.Delivered, new Instant(first), Instant.Never, reordered);

        long second = sentAt.Nanoseconds + DelayNs(ref draws);
        return first <= second
            ? new Transit(TransitFate.Duplicated, new Instant(first), new Instant(second), reordered)
            : new Transit(TransitFate.Duplicated, new Instant(second), new Instant(first), reordered);
    }

    private long DelayNs(ref SimRandom draws) => LatencyNs(ref draws) + (long)Below(ref draws, (ulong)_jitterNs + 1);

    private long LatencyNs(ref SimRandom draws) => _kind switch
    {
        LatencyKind.Fixed => _minNs,
        LatencyKind.Uniform => _minNs + (long)Below(ref draws, (ulong)(_maxNs - _minNs) + 1),
        LatencyKind.Normal => TruncatedNormalNs(ref draws),
        _ => _minNs + (long)Math.Round(-Math.Log(1.0 - draws.NextDouble()) * _excessMeanNs),  // 1 - U is in (0, 1]
    };

    // Marsaglia's polar method, redrawing below the floor: the normal conditioned on >= Min, as the format says,
    // not clamped (a clamp would pile the cut-off tail onto the floor as a spike no network shows).
    private long TruncatedNormalNs(ref SimRandom draws)
    {
        for (int attempt = 0; attempt < MaxNormalAttempts; attempt++)
        {
            double u = 2 * draws.NextDouble() - 1, v = 2 * draws.NextDouble() - 1, s = u * u + v * v;
            if (s >= 1 || s == 0) continue;
            double scale = _stdDevNs * Math.Sqrt(-2 * Math.Log(s) / s);
            double x = _meanNs + u * scale;
            if (x >= _minNs) return (long)Math.Round(x);
            x = _meanNs + v * scale;
            if (x >= _minNs) return (long)Math.Round(x);
        }
        return _minNs;
    }

    // Uniform on [0, bound) for a 64-bit bound: the high half of a 64x64 product (Lemire), bias below bound/2^64.
    private static ulong Below(ref SimRandom draws, ulong bound) => Math.BigMul(draws.NextU64(), bound, out _);

    private static long Ns(TimeSpan span) => span.Ticks * TimeSpan.NanosecondsPerTick;

    private static uint Ppm(int ppm) => (uint)Math.Clamp(ppm, 0, (int)PartsPerMillion);

    private enum LatencyKind : byte { Fixed, Uniform, Normal, Exponential }
}
