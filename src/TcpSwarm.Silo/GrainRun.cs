using System.Diagnostics;
using TcpSwarm.Grains;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>Runs one scenario on a cluster from the process that asked for it: the run's clock grain advances a
/// sampling interval per call, and every sample comes back here, so that a lost silo, even the clock's own, leaves
/// every sample taken before it.</summary>
public static class GrainRun
{
    /// <summary>How long the clock may take to report a loss that membership already shows from outside.</summary>
    private static readonly TimeSpan ClockPatience = TimeSpan.FromSeconds(90);

    /// <summary>Drives a run to its end, to the last completed window when cancelled, or to the failure of a silo.
    /// </summary>
    /// <param name="lostSilo">Watches the cluster from outside while a step is under way: completes with the silo
    /// that left it (null: none seen); the clock's own silo can be lost only this way.</param>
    public static async Task<RunReport> RunAsync(IGrainFactory grains, RunSetup setup, Scenario scenario,
        IProgress<RunProgress>? progress, CancellationToken cancellation,
        Func<CancellationToken, Task<string?>>? lostSilo = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(setup);
        var clock = grains.GetGrain<IRunGrain>(GrainKeys.Run(setup.RunId, setup.Silos[0]));
        var wall = Stopwatch.StartNew();
        var samples = new List<RunSample>();
        var meter = new SpeedMeter(wall);
        await clock.StartAsync(setup);
        StepResult? failure = null;
        RunTotals? totals = null;
        TraceRecord[] trace = [];
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var step = await Step(clock, setup.Silos[0], lostSilo, cancellation);
                if (step.Failure is not null)
                {
                    failure = step;
                    break;
                }
                if (step.Sample is null) break;
                samples.Add(step.Sample);
                progress?.Report(RunProgressBuilder.From(scenario, step.Sample, meter.Speed(step.Sample.VirtualTime)));
            }
            if (failure is null)
            {
                totals = (await clock.FinishAsync()).Value;
                if (totals.LastSample is { } last) samples.Add(last);
                trace = (await clock.TraceAsync()).Value;
            }
        }
        finally
        {
            await Stop(clock);
        }
        return Report(scenario, setup, samples, failure, totals, trace, wall.Elapsed, cancellation.IsCancellationRequested);
    }

    // The clock's step, unless a silo is seen to leave the cluster first: the clock may be on that silo.
    private static async Task<StepResult> Step(IRunGrain clock, string clockSilo,
        Func<CancellationToken, Task<string?>>? lostSilo, CancellationToken cancellation)
    {
        var step = clock.StepAsync();
        if (lostSilo is null) return (await step).Value;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watch = lostSilo(watching.Token);
        var first = await Task.WhenAny(step, watch);
        if (first == step)
        {
            await watching.CancelAsync();
            return (await step).Value;
        }
        var lost = await watch;
        if (lost is null) return (await step).Value;
        if (lost != clockSilo)
        {
            try
            {
                return (await step.WaitAsync(ClockPatience, CancellationToken.None)).Value;   // it says so itself
            }
            catch (TimeoutException)
            {
                // The clock did not notice in time: account for the loss from here.
            }
        }
        _ = step.ContinueWith(t => t.Exception, TaskScheduler.Default);          // observed: it fails with the silo
        return new StepResult(null, $"silo {lost} left the cluster while the run's clock was stepping", lost, -1);
    }

    private static async Task Stop(IRunGrain clock)
    {
        try
        {
            await clock.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception e) when (e is SiloUnavailableException or OrleansException or TimeoutException)
        {
            // The clock's silo is gone, and the run with it: nothing is left to forget.
        }
    }

    private static RunReport Report(Scenario scenario, RunSetup setup, List<RunSample> samples, StepResult? failure,
        RunTotals? totals, TraceRecord[] trace, TimeSpan wall, bool cancelled)
    {
        var status = failure is not null ? RunStatus.ClusterFailed
            : cancelled ? RunStatus.Interrupted : RunStatus.Completed;
        long windows = totals?.Windows ?? samples.LastOrDefault()?.Windows ?? 0;
        long events = totals?.Events ?? samples.LastOrDefault()?.Events ?? 0;
        double? reached = failure is null ? null
            : failure.ReachedTicks >= 0 ? TimeSpan.FromTicks(failure.ReachedTicks).TotalSeconds
            : samples.LastOrDefault()?.VirtualTime.TotalSeconds ?? 0;
        var cluster = new ClusterReport(setup.Silos, totals?.ExchangeMessages ?? 0, totals?.ExchangeBytes ?? 0,
            totals?.PeakWindowMessages ?? 0, totals?.PeakWindowBytes ?? 0, failure?.LostSilo, reached);
        if (samples.Count == 0) samples.Add(Empty(scenario));
        return new RunReport(RunSummaryBuilder.Build(scenario, samples), status, wall, windows, events,
            setup.Silos.Length, failure?.Failure) { Samples = samples, Trace = trace, Cluster = cluster };
    }

    // A run lost before its first sample still accounts for its attempts: none yet.
    private static RunSample Empty(Scenario scenario) => new(TimeSpan.Zero, [], 0, 0,
        [.. scenario.Attackers.Select(_ => (0L, 0L))]);

    private sealed class SpeedMeter(Stopwatch wall)
    {
        private TimeSpan _lastWall, _lastVirtual;

        public double Speed(TimeSpan virtualNow)
        {
            var now = wall.Elapsed;
            var wallStep = (now - _lastWall).TotalSeconds;
            double speed = wallStep > 0 ? (virtualNow - _lastVirtual).TotalSeconds / wallStep : 0;
            (_lastWall, _lastVirtual) = (now, virtualNow);
            return speed;
        }
    }
}
