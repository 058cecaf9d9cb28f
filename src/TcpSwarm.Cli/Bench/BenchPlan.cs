namespace TcpSwarm.Cli.Bench;

/// <summary>How big and how often each measurement of `tcpswarm bench` is: the full bench, or --quick.</summary>
/// <param name="Rounds">Rounds of the repeated measurements (baseline, churn, flood, syn-flood.yaml); medians over
/// them. The ramp runs once; each table is filled <paramref name="TableRepetitions"/> times.</param>
/// <param name="RingGrains">Grains in the ring of the one-way baseline, activated before it is timed.</param>
/// <param name="RingTokens">Tokens circulating in the ring at once.</param>
/// <param name="RingHops">Hops each token makes before it is done.</param>
/// <param name="Activations">Fresh empty grains activated per round of the activation baseline.</param>
/// <param name="ActivationsInFlight">Calls to fresh grains kept in flight while activating.</param>
/// <param name="ChurnVirtualSeconds">Virtual time of one churn run.</param>
/// <param name="FloodVirtualSeconds">Virtual time of one flood run.</param>
/// <param name="RampConnections">N: the connections the ramp holds ESTABLISHED, both sides simulated.</param>
/// <param name="TableEntries">Entries put in the SYN queue and the TIME_WAIT table.</param>
internal sealed record BenchPlan(
    bool Quick, int Rounds, int TableRepetitions, int RingGrains, int RingTokens, int RingHops, int Activations,
    int ActivationsInFlight, double ChurnVirtualSeconds, double FloodVirtualSeconds, int RampConnections,
    int TableEntries)
{
    /// <summary>The parts --only may name, in the order the bench runs them.</summary>
    public static readonly IReadOnlyList<string> Parts =
        ["ramp", "baseline", "churn", "flood", "syn_flood_yaml", "tables"];

    /// <summary>The parts to measure; null measures all of them.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Whether a measurement (a part, or one of its pieces: baseline_ring, syn_rcvd, ...) is to be made.
    /// </summary>
    public bool Measures(string name) => Only is null || Only.Contains(PartOf(name));

    private static string PartOf(string name) => name switch
    {
        "baseline_ring" or "baseline_activations" => "baseline",
        "syn_rcvd" or "time_wait" => "tables",
        _ => name,
    };

    /// <summary>The target for one silo: 1,000,000 ESTABLISHED connections in at most 6 GiB.</summary>
    public const long RampTargetBytes = 6L << 30;

    /// <summary>What the process needs beside the ramp's connections: the silo, the runtime, room for a full GC.
    /// </summary>
    public const long MarginBytes = 2L << 30;

    public static readonly BenchPlan Full = new(false, 5, 3, 20_000, 64, 100_000, 100_000, 1_000, 5, 4, 1_000_000,
        10_000_000);

    public static readonly BenchPlan QuickPlan = new(true, 3, 3, 20_000, 64, 8_000, 20_000, 1_000, 1, 1, 20_000,
        1_000_000);

    /// <summary>The memory the ramp needs at the target, plus the margin: the full bench refuses to start below it.
    /// </summary>
    public long RequiredMemoryBytes => (long)(RampTargetBytes * (RampConnections / 1_000_000.0)) + MarginBytes;

    /// <summary>The ramp stops (and says so) once the process's working set passes this share of the memory the
    /// machine has: a run past its target must not take the machine down with it.</summary>
    public const double RampMemoryShare = 0.8;
}
