namespace TcpSwarm.Cli.Output;

/// <summary>One server in summary.json, under its name: admissions, queue peaks against limits (and the SYN queue's
/// limit for unproven peers), drops by reason, cookies sent, its clients' handshakes, lifetimes, its counters.
/// </summary>
internal sealed record ServerDocument(long Admitted, long Accepted, int PeakSynQueue, int SynQueueLimit,
    int SynQueueEffectiveLimit, int PeakAcceptQueue, int AcceptQueueLimit, long PeakTimeWait, DropsDocument Drops,
    long CookiesSent, HandshakeDocument Handshake, LifetimeDocument Lifetime, NamedMap<long> Counters);
