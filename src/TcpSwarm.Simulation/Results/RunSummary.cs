namespace TcpSwarm.Simulation.Results;

/// <summary>What a run's scenario and seed determine, and nothing else: the content of summary.json.</summary>
/// <remarks>Counters are keyed by Linux's names as nstat prints them and listed in ordinal order of the name.</remarks>
public sealed record RunSummary(
    string Scenario, ulong Seed, string Profile, double VirtualSeconds, long Attempts, Outcomes Outcomes,
    IReadOnlyList<ServerSummary> Servers, IReadOnlyList<ClientSummary> Clients, IReadOnlyList<AttackerSummary> Attackers);

/// <summary>One server (all its SO_REUSEPORT shards): admissions, queue peaks against limits, its Linux counters.</summary>
public sealed record ServerSummary(
    string Name, long Admitted, long Accepted, int PeakSynQueue, int SynQueueLimit, int PeakAcceptQueue,
    int AcceptQueueLimit, long PeakTimeWait, IReadOnlyList<KeyValuePair<string, long>> Counters);

/// <summary>One client group toward its target: attempts, outcomes, TIME_WAIT and port peaks, its Linux counters.</summary>
public sealed record ClientSummary(
    string Name, string Target, long Attempts, Outcomes Outcomes, long PeakTimeWait, long PeakPortsInUse,
    IReadOnlyList<KeyValuePair<string, long>> Counters);

/// <summary>One attacker: spoofed SYNs sent (they are not connection attempts) and how many the network lost.</summary>
public sealed record AttackerSummary(string Name, string Target, long SpoofedSyns, long Lost);
