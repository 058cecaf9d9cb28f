namespace TcpSwarm.Simulation.Engine;

/// <summary>Counts of durations in fixed buckets, in seconds; cumulative over a run, so histograms add up across
/// hosts.</summary>
/// <remarks>
/// The bounds include 1, 3, 7, 15, 31 and 63 s, the instants a SYN-ACK or SYN is resent and a request dropped
/// (2^k − 1 s), so a handshake that needed one resend lands in its own bucket; the last bucket is everything longer.
/// </remarks>
public sealed class DurationHistogram
{
    /// <summary>Upper bounds of the buckets, in seconds; one more bucket holds what exceeds the last.</summary>
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3, 7, 15, 31, 63, 127];

    public long[] Counts { get; } = new long[Bounds.Length + 1];
    public long Total { get; private set; }
    public double SumSeconds { get; private set; }

    public void Record(TimeSpan duration)
    {
        double s = duration.TotalSeconds;
        int i = 0;
        while (i < Bounds.Length && s > Bounds[i]) i++;
        Counts[i]++;
        Total++;
        SumSeconds += s;
    }

    public long[] Snapshot() => (long[])Counts.Clone();
}
