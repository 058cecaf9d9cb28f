using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Bench;

/// <summary>What the flood's server handled, from the run's own books at its last sample: SYNs in (each answered by
/// a syncookie: SyncookiesSent) and SYN-ACKs out (the host's segments sent).</summary>
/// <remarks>With tcp_syncookies=2 and no clients the two are equal and so are the run's events (one per SYN
/// arrival, no timers); <see cref="Consistent"/> says whether the books agree.</remarks>
internal readonly record struct FloodCount(long SynsIn, long SynAcksOut, long Events)
{
    public long Segments => SynsIn + SynAcksOut;

    public bool Consistent => SynsIn == SynAcksOut && SynsIn == Events;

    public static FloodCount Of(WorkloadMeasurement run)
    {
        ArgumentNullException.ThrowIfNull(run);
        long syns = 0, sent = 0;
        foreach (var h in run.Report.Samples[^1].Hosts)
        {
            syns += h.Counters[(int)TcpExt.SyncookiesSent];
            sent += h.SegmentsSent;
        }
        return new FloodCount(syns, sent, run.Events);
    }

    public static double SegmentsPerSecond(WorkloadMeasurement run) => Of(run).Segments / run.WallSeconds;
}
