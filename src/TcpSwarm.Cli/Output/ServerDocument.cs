namespace TcpSwarm.Cli.Output;

/// <summary>One server in summary.json, under its name: admissions, queue peaks against limits, its counters.
/// </summary>
internal sealed record ServerDocument(long Admitted, long Accepted, int PeakSynQueue, int SynQueueLimit,
    int PeakAcceptQueue, int AcceptQueueLimit, long PeakTimeWait, NamedMap<long> Counters);
