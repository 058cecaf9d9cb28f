using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Bench;

/// <summary>One run of a workload as the bench saw it: the run's own report, its wall time and GC pauses, with the
/// bench's own probing (the ramp's forced collections) taken out of both.</summary>
/// <param name="Collections">Garbage collections of generation 0, 1 and 2 during the run (the probe's own left out).
/// </param>
internal sealed record WorkloadMeasurement(RunReport Report, double WallSeconds, double GcPauseSeconds,
    IReadOnlyList<int> Collections)
{
    public double VirtualSeconds => Report.Summary.VirtualSeconds;
    public long Events => Report.Events;
    public long Windows => Report.Windows;
    public double EventsPerSecond => Events / WallSeconds;
    public double WallPerVirtualSecond => WallSeconds / VirtualSeconds;
}
