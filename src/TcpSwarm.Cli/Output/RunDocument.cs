using System.Globalization;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>run.json: what the run was like, everything summary.json must not hold: status, wall time, silos,
/// machine, versions, the command line and when it started.</summary>
/// <param name="Status">running (written before the run starts: a run.json that still says so was killed), then
/// completed, interrupted, cluster_failed or failed (tcpswarm's own failure, exit 1).</param>
/// <param name="Failure">What failed, in words, for cluster_failed and failed; null otherwise.</param>
/// <param name="EventsPerWallSecond">Null when the run took no measurable wall time.</param>
/// <param name="StartedAt">UTC, ISO 8601 to the second.</param>
internal sealed record RunDocument(string Status, string? Failure, double WallSeconds, long Windows, long Events,
    double? EventsPerWallSecond, int Silos, ClusterDocument Cluster, string StartedAt, IReadOnlyList<string> Arguments,
    string TcpswarmVersion, MachineDocument Machine)
{
    /// <summary>This run's id: the tcpswarm_run_id label of its metrics, different for every run.</summary>
    public string? RunId { get; init; }

    /// <summary>The profile and every change made to it; null in run.json files written before it was recorded.
    /// </summary>
    public SetupDocument? Setup { get; init; }

    /// <summary>Every check of the scenario's checks: and --check, with its measured value and verdict.</summary>
    public IReadOnlyList<Checks.CheckDocument> Checks { get; init; } = [];

    public static RunDocument Of(RunReport report, DateTimeOffset startedAt, IReadOnlyList<string> arguments,
        MachineDocument machine)
    {
        var wall = report.Wall.TotalSeconds;
        return new RunDocument(StatusName(report.Status), report.Failure, wall, report.Windows, report.Events,
            wall > 0 ? report.Events / wall : null, report.Silos, ClusterDocument.Of(report),
            Stamp(startedAt), arguments, ToolVersion.Informational, machine);
    }

    /// <summary>run.json before the run starts: status running, nothing counted yet.</summary>
    public static RunDocument Running(DateTimeOffset startedAt, IReadOnlyList<string> arguments,
        MachineDocument machine) => Unfinished(RunningStatus, null, startedAt, arguments, machine);

    private const string RunningStatus = "running";

    /// <summary>run.json of a run that ended before it had results (a failure, a signal before the first window):
    /// the status and why, nothing counted.</summary>
    public static RunDocument Unfinished(string status, string? failure, DateTimeOffset startedAt,
        IReadOnlyList<string> arguments, MachineDocument machine) =>
        new(status, failure, 0, 0, 0, null, 0,
            new ClusterDocument([], [], 0, 0, 0, 0, 0, 0, 0, [], [], 0, null, null, 0), Stamp(startedAt), arguments,
            ToolVersion.Informational, machine);

    private static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    public static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Completed => "completed",
        RunStatus.Interrupted => "interrupted",
        RunStatus.ClusterFailed => "cluster_failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a RunStatus run.json cannot name"),
    };
}
