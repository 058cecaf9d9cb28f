using System.Diagnostics.Metrics;
using TcpSwarm.Simulation.Engine;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace TcpSwarm.Silo.Metrics;

/// <summary>Republishes the engine's cumulative duration histograms through an OpenTelemetry histogram with the same
/// bounds, so that the exported bucket counts, count and sum equal the time series' at every sampling instant.
/// </summary>
/// <remarks>
/// The engine counts durations in <see cref="DurationHistogram"/> buckets and a sum; it hands over no single value.
/// Each sample's new counts are recorded as that many values inside their bucket, placed so that they add up to the
/// new sum: a histogram keeps only buckets, count and sum, so what it exports is what recording the true durations
/// would have exported. The values themselves are not the true ones, so the exporter drops min and max
/// (<see cref="MetricsExport"/>). Bucket i holds (Bounds[i−1], Bounds[i]], as both DurationHistogram and
/// OpenTelemetry's explicit-bucket histogram put a value equal to a bound in the lower bucket.
/// </remarks>
internal sealed class ReplayedHistogram(Histogram<double> histogram)
{
    private static readonly double[] Bounds = DurationHistogram.Bounds;
    private long[][] _seen = [], _now = [];
    private double[] _seenSum = [], _nowSum = [];
    private readonly long[] _delta = new long[Bounds.Length + 1];

    /// <summary>Forgets what was recorded: a new run starts from zero.</summary>
    public void Reset(int owners)
    {
        _seen = Buckets(owners);
        _now = Buckets(owners);
        _seenSum = new double[owners];
        _nowSum = new double[owners];
    }

    /// <summary>Starts a sampling instant's per-owner totals from zero.</summary>
    public void Clear()
    {
        foreach (var owner in _now) Array.Clear(owner);
        Array.Clear(_nowSum);
    }

    /// <summary>Adds one host's cumulative buckets and sum to its owner's total at this instant.</summary>
    public void Add(int owner, long[] buckets, double sum)
    {
        var total = _now[owner];
        for (int i = 0; i < buckets.Length; i++) total[i] += buckets[i];
        _nowSum[owner] += sum;
    }

    /// <summary>Records what an owner's total gained since the last call, when anything listens.</summary>
    public void Replay(int owner, Tag[] tags)
    {
        if (!histogram.Enabled) return;
        var buckets = _now[owner];
        double sum = _nowSum[owner];
        var seen = _seen[owner];
        long added = 0;
        for (int i = 0; i < _delta.Length; i++) added += _delta[i] = buckets[i] - seen[i];
        if (added == 0) return;
        double addedSum = sum - _seenSum[owner];
        Array.Copy(buckets, seen, seen.Length);
        _seenSum[owner] = sum;
        Record(addedSum, tags);
    }

    private static long[][] Buckets(int owners)
    {
        var buckets = new long[owners][];
        for (int o = 0; o < owners; o++) buckets[o] = new long[Bounds.Length + 1];
        return buckets;
    }

    private void Record(double addedSum, Tag[] tags)
    {
        int last = Bounds.Length;
        double lows = 0, widths = 0;                      // every value at its bucket's lower bound; and the room above
        for (int i = 0; i < last; i++)
        {
            double low = i == 0 ? 0 : Bounds[i - 1];
            lows += _delta[i] * low;
            widths += _delta[i] * (Bounds[i] - low);
        }
        long over = _delta[last];
        // The same share t of each bounded bucket's width; past the last bound, what the sum leaves (above it).
        double room = addedSum - lows - over * Bounds[last - 1];
        double t = widths <= 0 ? 0 : Math.Clamp(over == 0 ? room / widths : room / 2 / widths, 0, 1);
        for (int i = 0; i < last; i++)
        {
            if (_delta[i] == 0) continue;
            double low = i == 0 ? 0 : Bounds[i - 1];
            double value = Math.Min(Bounds[i], low + t * (Bounds[i] - low));
            if (i > 0 && value <= low) value = Math.BitIncrement(low);
            for (long k = 0; k < _delta[i]; k++) histogram.Record(value, tags);
        }
        if (over == 0) return;
        double beyond = Math.Max((addedSum - lows - t * widths) / over, Math.BitIncrement(Bounds[last - 1]));
        for (long k = 0; k < over; k++) histogram.Record(beyond, tags);
    }
}
