namespace TcpSwarm.Simulation.Engine;

/// <summary>Durations counted at three significant decimal digits of a microsecond, so that quantiles can be read
/// with a known error: a deterministic sketch whose counts add up across hosts.</summary>
/// <remarks>
/// A duration is truncated to whole microseconds, then below 1 ms kept exactly and from 1 ms on truncated to three
/// significant digits (12,345 µs is counted as 12,300 µs). A value read back is therefore at most 1% (and less than
/// 1 µs) below the duration counted, never above it; 5 ms, 20 ms, 1 s and 3 s are exact. The table is sparse: one
/// entry per distinct value, at most 900 per decade of durations.
/// </remarks>
public sealed class DurationSketch
{
    private readonly SortedDictionary<int, long> _counts = [];

    /// <summary>How many durations were counted.</summary>
    public long Total { get; private set; }

    /// <summary>The longest duration counted, exactly, in nanoseconds (0 when none).</summary>
    public long MaxNanoseconds { get; private set; }

    public void Record(TimeSpan duration)
    {
        long ns = Math.Max(0, duration.Ticks) * TimeSpan.NanosecondsPerTick;
        int index = IndexOf(ns / 1000);
        _counts[index] = _counts.TryGetValue(index, out long n) ? n + 1 : 1;
        Total++;
        MaxNanoseconds = Math.Max(MaxNanoseconds, ns);
    }

    /// <summary>The counts as (index, count) pairs, flattened, in index order: what a sample carries.</summary>
    public long[] Snapshot()
    {
        var flat = new long[2 * _counts.Count];
        int i = 0;
        foreach (var (index, count) in _counts)
        {
            flat[i++] = index;
            flat[i++] = count;
        }
        return flat;
    }

    /// <summary>The bucket of a duration of <paramref name="micros"/> whole microseconds.</summary>
    public static int IndexOf(long micros)
    {
        if (micros < 1000) return (int)micros;
        int decade = 0;                                    // micros / 10^decade lands in [100, 1000)
        long scaled = micros;
        while (scaled >= 1000)
        {
            scaled /= 10;
            decade++;
        }
        return 1000 + (decade - 1) * 900 + (int)(scaled - 100);
    }

    /// <summary>The smallest duration, in microseconds, that a bucket holds: the value it is read back as.</summary>
    public static long MicrosOf(int index)
    {
        if (index < 1000) return index;
        int decade = (index - 1000) / 900 + 1;
        long value = 100 + (index - 1000) % 900;
        for (int d = 0; d < decade; d++) value *= 10;
        return value;
    }
}
