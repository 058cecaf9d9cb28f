namespace TcpSwarm.Simulation.Engine;

/// <summary>Several hosts' <see cref="DurationSketch"/> snapshots added up, read as nearest-rank quantiles.</summary>
public sealed class SketchTotal
{
    private readonly SortedDictionary<int, long> _counts = [];

    public long Count { get; private set; }
    public long MaxNanoseconds { get; private set; }

    public void Add(long[] flat, long maxNs)
    {
        for (int i = 0; i + 1 < flat.Length; i += 2)
        {
            int index = (int)flat[i];
            _counts[index] = _counts.TryGetValue(index, out long n) ? n + flat[i + 1] : flat[i + 1];
            Count += flat[i + 1];
        }
        MaxNanoseconds = Math.Max(MaxNanoseconds, maxNs);
    }

    /// <summary>The nearest-rank <paramref name="p"/>-quantile in ms (the smallest counted value with at least
    /// ceil(p x Count) values at or below it), as the sketch holds it; null when nothing was counted.</summary>
    public double? QuantileMs(double p)
    {
        if (Count == 0) return null;
        long rank = Math.Max(1, (long)Math.Ceiling(p * Count - 1e-9));
        long seen = 0;
        foreach (var (index, count) in _counts)
        {
            seen += count;
            if (seen >= rank) return DurationSketch.MicrosOf(index) / 1000.0;
        }
        return MaxMs;
    }

    public double? MaxMs => Count == 0 ? null : MaxNanoseconds / 1e6;
}
