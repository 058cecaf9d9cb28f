namespace TcpSwarm.Cli.Output;

/// <summary>One client group in summary.json, under its name: its target, attempts, outcomes, peaks, handshakes,
/// lifetimes, counters.</summary>
internal sealed record ClientDocument(string Target, long Attempts, OutcomesDocument Outcomes, long PeakTimeWait,
    long PeakPortsInUse, HandshakeDocument Handshake, LifetimeDocument Lifetime, NamedMap<long> Counters);
