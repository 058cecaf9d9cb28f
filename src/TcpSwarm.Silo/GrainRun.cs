using Orleans.Concurrency;
using TcpSwarm.Grains;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>Runs one scenario on a cluster: its clock grain advances a sampling interval per call until the end.</summary>
public static class GrainRun
{
    public static async Task<RunReport> RunAsync(IGrainFactory grains, RunRegistry runs, string runId, Scenario scenario,
        IProgress<RunProgress>? progress, CancellationToken cancellation, TcpSwarmMetrics? metrics = null)
    {
        runs.Register(runId, scenario);
        try
        {
            var clock = grains.GetGrain<ISchedulerGrain>(runId);
            var observer = new WallClockObserver(scenario, progress, metrics);
            while (!cancellation.IsCancellationRequested)
            {
                var sample = await clock.StepAsync(new Immutable<IRunObserver?>(observer));
                if (sample.Value is null) break;
            }
            var samples = (await clock.FinishAsync()).Value;
            var (windows, events) = await clock.CountsAsync();
            var trace = (await clock.TraceAsync()).Value;
            var status = cancellation.IsCancellationRequested ? RunStatus.Interrupted : RunStatus.Completed;
            return new RunReport(RunSummaryBuilder.Build(scenario, samples), status, observer.Elapsed, windows, events, 1,
                null) { Samples = samples, Trace = trace };
        }
        finally
        {
            runs.Forget(runId);
        }
    }
}
