using static TcpSwarm.Cli.Bench.BenchDocument;

namespace TcpSwarm.Cli.Bench;

/// <summary>Builds the bench's JSON document from its figures: medians per workload, every run, the ramp, tables.
/// </summary>
internal static class BenchDocuments
{
    /// <summary>Each repeated workload's headline figure and its unit.</summary>
    public static readonly IReadOnlyDictionary<string, (string Unit, Func<WorkloadMeasurement, double> Of)> Figures =
        new Dictionary<string, (string, Func<WorkloadMeasurement, double>)>
        {
            ["churn"] = ("lifecycles_per_s", r => r.Report.Summary.Outcomes.Completed / r.WallSeconds),
            ["flood"] = ("segments_per_s", FloodCount.SegmentsPerSecond),
            ["syn_flood_yaml"] = ("wall_s_per_60_virtual_s", r => r.WallSeconds * 60 / r.VirtualSeconds),
        };

    /// <summary>The repeated workloads in the order the JSON and the table list them.</summary>
    public static readonly IReadOnlyList<string> WorkloadOrder = ["churn", "flood", "syn_flood_yaml"];

    public static BenchDocument Of(BenchFigures f, string startedAt, string version)
    {
        ArgumentNullException.ThrowIfNull(f);
        var r = f.Results;
        var p = r.Plan;
        var m = r.Machine;
        return new BenchDocument(N(f.BaselineMessagesPerSecond), N(f.BaselineActivationsPerSecond),
            N(f.SegmentsPerSecond), N(f.LifecyclesPerSecond), N(f.BytesPerEstablishedConnection),
            N(f.BytesPerSynRcvdEntry), N(f.BytesPerTimeWaitEntry), N(f.FloodWallPer60VirtualSeconds), p.Quick,
            [.. BenchPlan.Parts.Where(p.Measures)], startedAt, version,
            new MachineSection(m.Cores, m.MemoryBytes, m.Dotnet, m.Os, m.GcMode, m.GcConcurrent, m.LoadAverage,
                r.LoadAverageAtEnd),
            new RepetitionsSection(p.Rounds, p.Rounds, 1, p.TableRepetitions),
            [.. f.Targets.Select(t => new TargetSection(t.Key, t.Ratio, N(t.Figure), N(t.Value), t.Wanted, t.Verdict))],
            new BaselineSection(p.RingGrains, p.RingTokens, p.RingHops, r.RingMessagesPerSecond, p.Activations,
                p.ActivationsInFlight, r.ActivationsPerSecond),
            [.. WorkloadOrder.Where(r.Workloads.ContainsKey).Select(name => r.Workloads[name])
                .Select(w => Workload(w.Workload, w.Runs, f.BaselineMessagesPerSecond))],
            r.Ramp is { } ramp ? Ramp(ramp) : null,
            [.. new[] { "syn_rcvd", "time_wait" }.Select(name => Table(r, name))],
            r.Failures);
    }

    private static WorkloadSection Workload(BenchWorkload w, List<WorkloadMeasurement> runs, double baseline)
    {
        var (unit, figure) = Figures[w.Name];
        double eventsPerSecond = Medians.Of(runs, x => x.EventsPerSecond);
        return new WorkloadSection(w.Name, w.What, runs.Count, N(runs[0].WallSeconds),
            N(Medians.Of(runs, x => x.WallSeconds)), N(Medians.Of(runs, x => x.VirtualSeconds)),
            N(Medians.Of(runs, x => x.Events)), N(Medians.Of(runs, x => x.Windows)), N(eventsPerSecond),
            N(eventsPerSecond / baseline), N(Medians.Of(runs, x => x.WallPerVirtualSecond)),
            N(Medians.Of(runs, x => x.GcPauseSeconds)), N(Medians.Of(runs, figure)), unit,
            [.. runs.Select(x => new RunSection(x.WallSeconds, x.VirtualSeconds, x.Events, x.Windows, x.GcPauseSeconds,
                x.Collections, figure(x)))]);
    }

    private static RampSection Ramp(RampResult ramp)
    {
        var run = ramp.Run;
        return new RampSection(ramp.Workload.What, run.WallSeconds, run.VirtualSeconds, run.Events, run.Windows,
            run.EventsPerSecond, run.WallPerVirtualSecond, run.GcPauseSeconds, run.Collections, ramp.ReadAtSeconds,
            ramp.ClientEstablished, ramp.ServerEstablished, ramp.Idle.ManagedBytes, ramp.Idle.WorkingSetBytes,
            ramp.Held.ManagedBytes, ramp.Held.WorkingSetBytes, N(ramp.HeapBytesPerConnection),
            N(ramp.WorkingSetBytesPerConnection), BothSidesCounted: true, ramp.StoppedBecause,
            ramp.PeakWorkingSetBytes);
    }

    private static TableSection Table(BenchResults r, string name)
    {
        var fills = r.Tables.Where(t => t.Table == name).ToList();
        return new TableSection(name, r.Plan.TableEntries, [.. fills.Select(t => t.Held)],
            [.. fills.Select(t => N(t.BytesPerEntry))], N(Medians.Of([.. fills.Select(t => t.BytesPerEntry)])),
            TableMemory.QueuedTimerBytes);
    }

    /// <summary>A measured number, or null (JSON has no NaN).</summary>
    public static double? N(double value) => double.IsFinite(value) ? value : null;
}
