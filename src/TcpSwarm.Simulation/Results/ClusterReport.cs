namespace TcpSwarm.Simulation.Results;

/// <summary>How a run was spread over silos and what crossed between them; which silo was lost, if one was.</summary>
/// <param name="Silos">Each partition's silo, in partition order.</param>
/// <param name="Messages">Messages between silos: after a window, one from the partition that ran it to each peer with
/// arrivals or a new promise for it.</param>
/// <param name="Bytes">Their payload bytes, as the silos' codec wrote them.</param>
/// <param name="PeakWindowMessages">The most messages one silo sent after one window.</param>
/// <param name="PeakWindowBytes">The most bytes one silo sent after one window.</param>
/// <param name="LostSilo">The silo that left the cluster mid-run, when one did.</param>
/// <param name="ReachedSeconds">The last sampling instant every silo reached, when the run stopped on a loss.
/// </param>
public sealed record ClusterReport(IReadOnlyList<string> Silos, long Messages, long Bytes, int PeakWindowMessages,
    long PeakWindowBytes, string? LostSilo, double? ReachedSeconds)
{
    public static readonly ClusterReport None = new([], 0, 0, 0, 0, null, null);

    /// <summary>The silos whose partitions held no host (more silos than units to spread, none worth splitting),
    /// in partition order.</summary>
    public IReadOnlyList<string> IdleSilos { get; init; } = [];

    /// <summary>Times a partition waited for a peer's promise before it could run its next window, over all
    /// partitions: 0 when no path crosses between silos.</summary>
    public long WaitsForPeers { get; init; }

    /// <summary>Wall seconds each silo's partition spent running windows, in partition order (empty when not
    /// measured).</summary>
    public IReadOnlyList<double> RunSeconds { get; init; } = [];

    /// <summary>Wall seconds each silo's partition spent waiting for peers' promises, in partition order.</summary>
    public IReadOnlyList<double> WaitSeconds { get; init; } = [];

    /// <summary>Wall seconds the clock's barriers (one per sampling instant, and one a second of wall time) added
    /// beyond the slowest partition's time in each.</summary>
    public double BarrierSeconds { get; init; }
}
