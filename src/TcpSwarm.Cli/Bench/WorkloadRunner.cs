using TcpSwarm.Silo;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Bench;

/// <summary>Runs bench workloads on the embedded silo exactly as `tcpswarm run` runs a scenario there (GrainRun), one
/// run id each, and leaves the silo as it found it: every activation of the finished run collected.</summary>
internal sealed class WorkloadRunner(EmbeddedSilo silo, TextWriter log)
{
    // Collecting two million activations takes longer than one silo-control call may (30 s): it is asked again.
    private const int CollectionTries = 20;

    private int _runs;

    /// <param name="probe">Hears every sample between windows; its own time is not the workload's.</param>
    /// <param name="stop">Ends the run at its last completed window (the ramp's memory guard).</param>
    public async Task<WorkloadMeasurement> RunAsync(BenchWorkload workload, RampProbe? probe = null,
        CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var scenario = workload.Load();
        var setup = silo.Setup($"bench-{workload.Name}-{++_runs}", scenario);
        var pausesBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var report = await GrainRun.RunAsync(silo.Grains, setup, scenario, probe, stop);
        var pauses = GC.GetTotalPauseDuration() - pausesBefore;
        int[] collections = [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]
                                                                   - (probe?.Collections[g] ?? 0))];
        if (report.Status == RunStatus.ClusterFailed)
            throw new InvalidOperationException($"the embedded silo failed during {workload.Name}: {report.Failure}");
        if (report.Status == RunStatus.Interrupted && !stop.IsCancellationRequested)
            throw new InvalidOperationException($"{workload.Name} stopped before its end without being asked to");
        var wall = report.Wall - (probe?.Spent ?? TimeSpan.Zero);
        var pause = pauses - (probe?.SpentInGc ?? TimeSpan.Zero);
        try
        {
            await CollectAsync();
        }
        catch (TimeoutException)
        {
            log.WriteLine($"bench: the activations of {workload.Name} were not all collected after "
                          + $"{CollectionTries * 30} s; later measurements share the silo with what is left");
        }
        return new WorkloadMeasurement(report, wall.TotalSeconds, pause.TotalSeconds, collections);
    }

    /// <summary>Deactivates every idle grain (the finished run's hosts and endpoints, the baseline's grains) and
    /// collects the heap, so that the next measurement starts from the same empty silo.</summary>
    public async Task CollectAsync()
    {
        var management = silo.Grains.GetGrain<IManagementGrain>(0);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await management.ForceActivationCollection(TimeSpan.Zero);
                break;
            }
            catch (TimeoutException) when (attempt < CollectionTries)
            {
                log.WriteLine($"bench: collecting the last run's activations is still going ({attempt * 30} s)");
            }
        }
        HeapReading.Take();
    }
}
