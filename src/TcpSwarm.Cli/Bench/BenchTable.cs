namespace TcpSwarm.Cli.Bench;

/// <summary>The bench's printed account: the machine, the baseline, each target's figure and ratio, each workload's
/// run figures, what each workload is, the memory readings, and what failed.</summary>
internal static class BenchTable
{
    public static void Write(BenchFigures f, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(o);
        var r = f.Results;
        var p = r.Plan;
        var m = r.Machine;
        o.WriteLine($"tcpswarm bench{(p.Quick ? " --quick" : "")}: {m.Cores} cores, {Numbers.Bytes(m.MemoryBytes)}, "
                    + $"{m.Dotnet}, {m.GcMode} GC{(m.GcConcurrent ? " (concurrent)" : "")}, load average "
                    + $"{Numbers.Fixed(m.LoadAverage, 2)} at start, {Numbers.Fixed(r.LoadAverageAtEnd, 2)} at end");
        o.WriteLine($"medians of {p.Rounds} rounds (baseline and repeated workloads), 1 ramp, {p.TableRepetitions} "
                    + "fills of each table; every ratio uses the baseline measured in this run; a workload's first "
                    + "run is shown apart: code only it uses is still cold then (a one-off `tcpswarm run` is colder)");
        if (p.Only is not null)
            o.WriteLine("parts measured (--only): " + string.Join(", ", BenchPlan.Parts.Where(p.Measures)));
        o.WriteLine();
        var baseline = new TextTable("Orleans baseline (embedded silo, this process)", "median", "rounds");
        baseline.Add($"one-way msgs/s: ring of {p.RingGrains:N0} live grains, {p.RingTokens} tokens",
            Numbers.Rate(f.BaselineMessagesPerSecond), Rounds(r.RingMessagesPerSecond));
        baseline.Add($"activations/s: empty grain, fresh keys, {p.ActivationsInFlight:N0} calls in flight",
            Numbers.Rate(f.BaselineActivationsPerSecond), Rounds(r.ActivationsPerSecond));
        baseline.WriteTo(o);
        o.WriteLine();
        var targets = new TextTable("figure", "median", "ratio", "target", "verdict", "the ratio is");
        foreach (var t in f.Targets)
            targets.Add(t.Key, Figure(t.Figure), Numbers.Fixed(t.Value, 2), t.Wanted, t.Verdict, t.Ratio);
        targets.WriteTo(o);
        o.WriteLine();
        WriteWorkloads(f, o);
        o.WriteLine();
        BenchNotes.Write(f, o);
    }

    private static void WriteWorkloads(BenchFigures f, TextWriter o)
    {
        var table = new TextTable("workload", "runs", "first run wall s", "wall s", "virtual s", "events", "windows",
            "events/s", "÷ baseline msgs/s", "wall s/virtual s", "GC pause s", "GCs gen0/1/2");
        foreach (var name in BenchDocuments.WorkloadOrder)
        {
            if (!f.Results.Workloads.TryGetValue(name, out var w)) continue;
            var runs = w.Runs;
            double eventsPerSecond = Medians.Of(runs, x => x.EventsPerSecond);
            table.Add(name, runs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Numbers.Fixed(runs[0].WallSeconds, 2), Numbers.Fixed(Medians.Of(runs, x => x.WallSeconds), 2),
                Numbers.Fixed(Medians.Of(runs, x => x.VirtualSeconds), 2),
                Numbers.Rate(Medians.Of(runs, x => x.Events)), Numbers.Rate(Medians.Of(runs, x => x.Windows)),
                Numbers.Rate(eventsPerSecond), Numbers.Fixed(eventsPerSecond / f.BaselineMessagesPerSecond, 3),
                Numbers.Fixed(Medians.Of(runs, x => x.WallPerVirtualSecond), 2),
                Numbers.Fixed(Medians.Of(runs, x => x.GcPauseSeconds), 2), Collections(runs[^1]));
        }
        if (f.Results.Ramp is { Run: var ramp })
            table.Add("ramp", "1", Numbers.Fixed(ramp.WallSeconds, 2), Numbers.Fixed(ramp.WallSeconds, 2),
                Numbers.Fixed(ramp.VirtualSeconds, 2),
                Numbers.Rate(ramp.Events), Numbers.Rate(ramp.Windows), Numbers.Rate(ramp.EventsPerSecond),
                Numbers.Fixed(ramp.EventsPerSecond / f.BaselineMessagesPerSecond, 3),
                Numbers.Fixed(ramp.WallPerVirtualSecond, 2), Numbers.Fixed(ramp.GcPauseSeconds, 2), Collections(ramp));
        table.WriteTo(o);
    }

    // The last run's collections: the warmest, as the medians are.
    private static string Collections(WorkloadMeasurement run) => string.Join("/", run.Collections);

    private static string Rounds(List<double> values) => string.Join(" ", values.Select(Numbers.Rate));

    // Rates and bytes as whole numbers, wall seconds with two decimals.
    private static string Figure(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 100 ? Numbers.Fixed(value, 2) : Numbers.Rate(value);
}
