using TcpSwarm.Grains;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>Runs one scenario through the host and endpoint grains of a cluster: the windows, the samples, the summary.</summary>
public static class GrainRun
{
    public static async Task<RunReport> RunAsync(IGrainFactory grains, RunRegistry runs, string runId, Scenario scenario,
        IProgress<RunProgress>? progress, CancellationToken cancellation)
    {
        var context = runs.Register(runId, scenario);
        try
        {
            var scheduler = new WindowScheduler(scenario, new GrainHostInvoker(grains, runId), context.Network);
            var observer = new WallClockObserver(scenario, progress);
            var samples = await scheduler.RunAsync(observer, cancellation);
            var summary = RunSummaryBuilder.Build(scenario, samples);
            var status = cancellation.IsCancellationRequested ? RunStatus.Interrupted : RunStatus.Completed;
            return new RunReport(summary, status, observer.Elapsed, scheduler.Windows, scheduler.Events, 1, null);
        }
        finally
        {
            runs.Forget(runId);
        }
    }
}
