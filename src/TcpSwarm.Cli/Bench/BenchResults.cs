namespace TcpSwarm.Cli.Bench;

/// <summary>Everything one bench measured, as it was measured: every round's figure, each workload's runs, the ramp,
/// the tables, and what failed (in words).</summary>
internal sealed class BenchResults(BenchPlan plan, MachineFacts machine)
{
    public BenchPlan Plan { get; } = plan;
    public MachineFacts Machine { get; } = machine;
    public double LoadAverageAtEnd { get; set; } = -1;
    public List<double> RingMessagesPerSecond { get; } = [];
    public List<double> ActivationsPerSecond { get; } = [];
    public Dictionary<string, (BenchWorkload Workload, List<WorkloadMeasurement> Runs)> Workloads { get; } = [];
    public RampResult? Ramp { get; set; }
    public List<TableFigure> Tables { get; } = [];

    /// <summary>What could not be measured, and why: one line each, no stack trace.</summary>
    public List<string> Failures { get; } = [];

    public void Add(BenchWorkload workload, WorkloadMeasurement run)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (!Workloads.TryGetValue(workload.Name, out var runs))
            Workloads[workload.Name] = runs = (workload, []);
        runs.Runs.Add(run);
    }

    public bool Failed(string name) => Failures.Exists(f => f.StartsWith(name + ":", StringComparison.Ordinal));
}
