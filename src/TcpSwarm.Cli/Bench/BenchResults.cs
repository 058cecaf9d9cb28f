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

/// <summary>The ramp's one run and its memory: the idle silo before it, the silo holding the connections.</summary>
/// <param name="ClientEstablished">ESTABLISHED sockets on the client hosts at the reading: the connections.</param>
/// <param name="ServerEstablished">ESTABLISHED sockets on the server at the reading (each connection has one).</param>
internal sealed record RampResult(BenchWorkload Workload, WorkloadMeasurement Run, HeapReading Idle, HeapReading Held,
    double ReadAtSeconds, long ClientEstablished, long ServerEstablished, string? StoppedBecause,
    long PeakWorkingSetBytes)
{
    /// <summary>Managed heap per connection, both sides' sockets (client and server Tcb, grains, tables) counted.
    /// </summary>
    public double HeapBytesPerConnection => ClientEstablished > 0
        ? (double)(Held.ManagedBytes - Idle.ManagedBytes) / ClientEstablished
        : double.NaN;

    public double WorkingSetBytesPerConnection => ClientEstablished > 0
        ? (double)(Held.WorkingSetBytes - Idle.WorkingSetBytes) / ClientEstablished
        : double.NaN;
}
