namespace TcpSwarm.Cli.Bench;

/// <summary>The headline figures of a bench (medians over its rounds), each against the target the issue sets.
/// </summary>
/// <remarks>NaN where a figure could not be measured; the JSON writes null there and the table "-".</remarks>
internal sealed class BenchFigures
{
    /// <summary>6 GiB over 1,000,000 connections: the memory target per ESTABLISHED connection, both sides.</summary>
    public const double EstablishedTargetBytes = BenchPlan.RampTargetBytes / 1_000_000.0;

    public BenchFigures(BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Results = results;
        BaselineMessagesPerSecond = Medians.Of(results.RingMessagesPerSecond);
        BaselineActivationsPerSecond = Medians.Of(results.ActivationsPerSecond);
        SegmentsPerSecond = Headline(results, "flood");
        LifecyclesPerSecond = Headline(results, "churn");
        FloodWallPer60VirtualSeconds = Headline(results, "syn_flood_yaml");
        BytesPerEstablishedConnection = results.Ramp?.HeapBytesPerConnection ?? double.NaN;
        WorkingSetPerConnection = results.Ramp?.WorkingSetBytesPerConnection ?? double.NaN;
        BytesPerSynRcvdEntry = TableMedian(results, "syn_rcvd");
        BytesPerTimeWaitEntry = TableMedian(results, "time_wait");
        Targets =
        [
            new("segments_per_s", "flood segments/s ÷ baseline one-way msgs/s", SegmentsPerSecond,
                SegmentsPerSecond / BaselineMessagesPerSecond, ">= 3", r => r >= 3),
            new("lifecycles_per_s", "churn lifecycles/s ÷ baseline activations/s", LifecyclesPerSecond,
                LifecyclesPerSecond / BaselineActivationsPerSecond, ">= 1.0", r => r >= 1.0),
            new("bytes_per_established_connection", "bytes per ESTABLISHED connection ÷ (6 GiB / 1,000,000)",
                BytesPerEstablishedConnection, BytesPerEstablishedConnection / EstablishedTargetBytes, "<= 1.0",
                r => r <= 1.0),
            new("working_set_bytes_per_established_connection",
                "working-set bytes per ESTABLISHED connection ÷ (6 GiB / 1,000,000)", WorkingSetPerConnection,
                WorkingSetPerConnection / EstablishedTargetBytes, "<= 1.0", r => r <= 1.0),
            new("bytes_per_syn_rcvd_entry", "bytes per SYN_RCVD entry ÷ 200", BytesPerSynRcvdEntry,
                BytesPerSynRcvdEntry / 200, "<= 1.0", r => r <= 1.0),
            new("bytes_per_time_wait_entry", "bytes per TIME_WAIT entry ÷ 200", BytesPerTimeWaitEntry,
                BytesPerTimeWaitEntry / 200, "<= 1.0", r => r <= 1.0),
            new("flood_wall_s_per_60_virtual_s", "load/syn-flood.yaml wall s per 60 s virtual ÷ 5",
                FloodWallPer60VirtualSeconds, FloodWallPer60VirtualSeconds / 5, "<= 1.0", r => r <= 1.0),
        ];
    }

    public BenchResults Results { get; }
    public double BaselineMessagesPerSecond { get; }
    public double BaselineActivationsPerSecond { get; }
    public double SegmentsPerSecond { get; }
    public double LifecyclesPerSecond { get; }
    public double BytesPerEstablishedConnection { get; }
    /// <summary>The ramp's working-set delta per connection: what the machine gave the process, not only the heap.
    /// </summary>
    public double WorkingSetPerConnection { get; }
    public double BytesPerSynRcvdEntry { get; }
    public double BytesPerTimeWaitEntry { get; }
    public double FloodWallPer60VirtualSeconds { get; }
    public IReadOnlyList<Target> Targets { get; }

    /// <summary>The median of one figure over a workload's runs; NaN when it has none.</summary>
    public static double Median(BenchResults results, string workload, Func<WorkloadMeasurement, double> figure)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Workloads.TryGetValue(workload, out var w) ? Medians.Of(w.Runs, figure) : double.NaN;
    }

    // The workload's headline figure, as the JSON gives it per run.
    private static double Headline(BenchResults results, string workload) =>
        Median(results, workload, BenchDocuments.Figures[workload].Of);

    private static double TableMedian(BenchResults results, string table) =>
        Medians.Of([.. results.Tables.Where(t => t.Table == table).Select(t => t.BytesPerEntry)]);

    /// <summary>One target: the figure, its ratio as the issue phrases the target, and whether it is met.</summary>
    internal sealed record Target(string Key, string Ratio, double Figure, double Value, string Wanted,
        Func<double, bool> Test)
    {
        public bool Measured => double.IsFinite(Value);
        public bool Met => Measured && Test(Value);
        public string Verdict => !Measured ? "not measured" : Met ? "met" : "missed";
    }
}
