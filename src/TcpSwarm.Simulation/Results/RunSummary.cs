namespace TcpSwarm.Simulation.Results;

/// <summary>What a run's scenario and seed determine, and nothing else: the content of summary.json.</summary>
/// <remarks>Counters are keyed by Linux's names as nstat prints them and listed in ordinal order of the name.</remarks>
public sealed record RunSummary(
    string Scenario, ulong Seed, string Profile, double VirtualSeconds, long Attempts, Outcomes Outcomes,
    IReadOnlyList<ServerSummary> Servers, IReadOnlyList<ClientSummary> Clients,
    IReadOnlyList<AttackerSummary> Attackers)
{
    /// <summary>Handshakes over every client group's attempts.</summary>
    public HandshakeFigures Handshake { get; init; } = HandshakeFigures.None;

    /// <summary>Lifetimes of every client group's connections that ended.</summary>
    public LifetimeFigures Lifetime { get; init; } = LifetimeFigures.None;

    /// <summary>The events of <see cref="RunEventKind"/> that happened, by first instant, then name, then place.
    /// </summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];
}

/// <summary>One server (all its SO_REUSEPORT shards): admissions, queue peaks against limits, its Linux counters.</summary>
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

/// <summary>One client group toward its target: attempts, outcomes, TIME_WAIT and port peaks, its Linux counters.</summary>
public sealed record ClientSummary(
    string Name, string Target, long Attempts, Outcomes Outcomes, long PeakTimeWait, long PeakPortsInUse,
    IReadOnlyList<KeyValuePair<string, long>> Counters)
{
    /// <summary>Its handshakes, over its attempts.</summary>
    public HandshakeFigures Handshake { get; init; } = HandshakeFigures.None;

    /// <summary>Lifetimes of its connections that ended, on its side.</summary>
    public LifetimeFigures Lifetime { get; init; } = LifetimeFigures.None;
}

/// <summary>One attacker: spoofed SYNs sent (they are not connection attempts) and how many the network lost.</summary>
public sealed record AttackerSummary(string Name, string Target, long SpoofedSyns, long Lost);
