namespace TcpSwarm.Simulation.Results;

/// <summary>One server (all its SO_REUSEPORT shards): admissions, queue peaks against limits, its Linux
/// counters.</summary>
public sealed record ServerSummary(
    string Name, long Admitted, long Accepted, int PeakSynQueue, int SynQueueLimit, int PeakAcceptQueue,
    int AcceptQueueLimit, long PeakTimeWait, IReadOnlyList<KeyValuePair<string, long>> Counters)
{
    /// <summary>The SYN queue's limit for a peer not proven alive: with tcp_syncookies 0 Linux keeps the last quarter
    /// of tcp_max_syn_backlog for proven peers (tcp_conn_request), so it is the smaller of the limit and
    /// tcp_max_syn_backlog - tcp_max_syn_backlog/4 + 1 per listener; otherwise the limit.</summary>
    public int SynQueueEffectiveLimit { get; init; }

    /// <summary>What its listeners dropped, by reason.</summary>
    public ListenDrops Drops { get; init; } = ListenDrops.None;

    /// <summary>SYN-ACKs carrying a cookie (SyncookiesSent): answers, not drops.</summary>
    public long CookiesSent { get; init; }

    /// <summary>Handshakes of the client groups that target it.</summary>
    public HandshakeFigures Handshake { get; init; } = HandshakeFigures.None;

    /// <summary>Lifetimes of the connections that ended on its side.</summary>
    public LifetimeFigures Lifetime { get; init; } = LifetimeFigures.None;
}
