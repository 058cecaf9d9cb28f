namespace TcpSwarm.Simulation.Results;

/// <summary>One row of the time series: the whole run at one sampling instant, added up per scenario object.</summary>
/// <param name="Seconds">Virtual seconds since the start.</param>
/// <param name="States">Sockets per RFC 9293 state (indexed by TcpState) over all hosts: full sockets, plus the
/// request entries as SYN_RCVD and the TIME_WAIT records as TIME_WAIT.</param>
/// <param name="Servers">Per server, in the scenario's order: its queues and limits, its shards added up.</param>
/// <param name="Clients">Per client group, in the scenario's order.</param>
/// <param name="Attackers">Per attacker, in the scenario's order: spoofed SYNs sent and lost so far.</param>
/// <param name="Outcomes">How the attempts so far have ended (open: not yet).</param>
/// <param name="Counters">Every TcpExt counter (indexed by TcpExt) over all hosts, cumulative.</param>
public sealed record TimeSeriesRow(
    double Seconds, long[] States, IReadOnlyList<TimeSeriesRow.Server> Servers,
    IReadOnlyList<TimeSeriesRow.Client> Clients, IReadOnlyList<TimeSeriesRow.Attacker> Attackers, long Attempts,
    Outcomes Outcomes, long SegmentsSent, long SegmentsLost, long Retransmissions, long[] Counters)
{
    /// <summary>Handshakes so far per <see cref="Engine.DurationHistogram.Bounds"/> bucket (connect() to
    /// ESTABLISHED).</summary>
    public long[] Handshake { get; init; } = [];

    /// <summary>Request entries ended so far per bucket of time spent in the SYN queue.</summary>
    public long[] SynReceivedTime { get; init; } = [];

    /// <summary>Connections ended so far per bucket of lifetime.</summary>
    public long[] Lifetime { get; init; } = [];

    /// <summary>A server's queues against their limits (SO_REUSEPORT shards added up) and its host's
    /// TIME_WAIT.</summary>
    public sealed record Server(
        long SynQueue, long SynQueueLimit, long AcceptQueue, long AcceptQueueLimit, long TimeWait);

    /// <summary>A client group: its attempts and completions so far, its TIME_WAIT records and ports in use.</summary>
    public sealed record Client(long Attempts, long Completed, long TimeWait, long PortsInUse);

    /// <summary>An attacker: spoofed SYNs sent so far, and how many of them the network lost.</summary>
    public sealed record Attacker(long SpoofedSyns, long Lost);
}
