using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What one host has counted so far: attempts and outcomes of its clients, its servers' admissions,
/// counters.</summary>
/// <remarks>Plain totals that add up across hosts; the run's summary is their sum per client group and per
/// server.</remarks>
public sealed class HostBooks
{
    public long Attempts;
    public long Completed, Refused, Reset, TimedOut, PortExhausted;
    public long Admitted, Accepted;
    public long SegmentsSent, SegmentsLost, Retransmissions;
    /// <summary>Segments sent, by <see cref="SegmentKind"/>.</summary>
    public long[] SentByKind { get; } = new long[SegmentKindTable.Count];
    public long[] States { get; } = new long[11];
    public TcpExtCounters Counters { get; } = new();
    /// <summary>connect() to ESTABLISHED, on this host's clients.</summary>
    public DurationHistogram Handshake { get; } = new();
    /// <summary>Time a request entry spent in this host's SYN queues (admitted, expired or reset).</summary>
    public DurationHistogram SynReceived { get; } = new();
    /// <summary>connect() or admission to CLOSED or TIME_WAIT, for connections that ended on this host.</summary>
    public DurationHistogram Lifetime { get; } = new();
    /// <summary>The same handshakes at a finer grain, for their quantiles.</summary>
    public DurationSketch HandshakeSketch { get; } = new();
    /// <summary>The same lifetimes at a finer grain, for their quantiles.</summary>
    public DurationSketch LifetimeSketch { get; } = new();

    public long Ended => Completed + Refused + Reset + TimedOut + PortExhausted;

    public Outcomes Outcomes => new(Completed, Refused, Reset, TimedOut, PortExhausted, Attempts - Ended);

    public void Count(AttemptOutcome outcome)
    {
        switch (outcome)
        {
            case AttemptOutcome.Completed: Completed++; break;
            case AttemptOutcome.Refused: Refused++; break;
            case AttemptOutcome.Reset: Reset++; break;
            case AttemptOutcome.TimedOut: TimedOut++; break;
            case AttemptOutcome.PortExhausted: PortExhausted++; break;
        }
    }
}
