namespace TcpSwarm.Simulation.Results;

/// <summary>How a run was spread over silos and what crossed between them; which silo was lost, if one was.</summary>
/// <param name="Silos">Each partition's silo, in partition order.</param>
/// <param name="Messages">Messages between silos: one per (sender, receiver) pair in a window with arrivals.</param>
/// <param name="Bytes">Their payload bytes, as Orleans' serializer wrote them.</param>
/// <param name="PeakWindowMessages">The most messages between silos in one window.</param>
/// <param name="PeakWindowBytes">The most bytes between silos in one window.</param>
/// <param name="LostSilo">The silo that left the cluster mid-run, when one did.</param>
/// <param name="ReachedSeconds">Virtual time the last completed window reached, when the run stopped on a loss.
/// </param>
public sealed record ClusterReport(IReadOnlyList<string> Silos, long Messages, long Bytes, int PeakWindowMessages,
    long PeakWindowBytes, string? LostSilo, double? ReachedSeconds)
{
    public static readonly ClusterReport None = new([], 0, 0, 0, 0, null, null);

    /// <summary>The silos whose partitions held no host (more silos than units to spread, none worth splitting),
    /// in partition order.</summary>
    public IReadOnlyList<string> IdleSilos { get; init; } = [];
}
