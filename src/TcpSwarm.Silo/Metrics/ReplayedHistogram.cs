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
    private long[][] _seen = [];
    private double[] _seenSum = [];
    private readonly long[] _delta = new long[Bounds.Length + 1];

    public bool Enabled => histogram.Enabled;

    /// <summary>Forgets what was recorded: a new run starts from zero.</summary>
    public void Reset(int owners)
    {
        _seen = new long[owners][];
        for (int o = 0; o < owners; o++) _seen[o] = new long[Bounds.Length + 1];
        _seenSum = new double[owners];
    }

    /// <summary>Records what an owner's cumulative buckets and sum gained since the last call.</summary>
    public void Replay(int owner, long[] buckets, double sum, Tag[] tags)
    {
        var seen = _seen[owner];
        long added = 0;
        for (int i = 0; i < _delta.Length; i++) added += _delta[i] = buckets[i] - seen[i];
        if (added == 0) return;
        double addedSum = sum - _seenSum[owner];
        Array.Copy(buckets, seen, seen.Length);
        _seenSum[owner] = sum;
        Record(addedSum, tags);
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
