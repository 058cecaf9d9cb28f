namespace TcpSwarm.Simulation.Results;

/// <summary>A finished (or stopped) run: the summary of what was simulated, and what the run itself was like.</summary>
/// <param name="Summary">As of the last completed window; only scenario and seed determine it.</param>
/// <param name="Failure">For ClusterFailed: what happened, in words (which silo, what virtual time).</param>
public sealed record RunReport(RunSummary Summary, RunStatus Status, TimeSpan Wall, long Windows, long Events,
    int Silos, string? Failure)
{
    /// <summary>Every sample, one per sampling interval of virtual time: the time series' rows.</summary>
    public IReadOnlyList<Engine.RunSample> Samples { get; init; } = [];

    /// <summary>The sampled connections' segments as each host saw them: the pcap files and the ladder.</summary>
    public IReadOnlyList<Engine.TraceRecord> Trace { get; init; } = [];

    /// <summary>The silos the run used and what crossed between them.</summary>
    public ClusterReport Cluster { get; init; } = ClusterReport.None;
}
