using System.Diagnostics;
using TcpSwarm.Grains;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Silo;

/// <summary>Runs one scenario on a cluster from the process that asked for it: the run's clock
/// (<see cref="IRunClockGrain"/>) advances a sampling interval per call, and every sample comes back here, so that a
/// lost silo, even the clock's own, leaves every sample taken before it. The next call is always asked for before
/// the last answer arrives, so the clock never waits for this process.</summary>
public static class GrainRun
{
    /// <summary>Drives a run to its end, to the last completed window when cancelled, or to the failure of a silo.
    /// </summary>
    /// <param name="watchdog">Watches the cluster from outside for the whole run (a real cluster's runs): a silo
    /// that left, stopped answering, or Redis gone stops the run at its last completed window, and any failed call
    /// is the cluster's failure rather than a crash. The clock's own silo can be lost only this way.</param>
    public static async Task<RunReport> RunAsync(IGrainFactory grains, RunSetup setup, Scenario scenario,
        IProgress<RunProgress>? progress, CancellationToken cancellation, ClusterWatchdog? watchdog = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(setup);
        var clock = grains.GetGrain<IRunClockGrain>(GrainKeys.RunClock(setup.RunId, setup.Silos[0]));
        var wall = Stopwatch.StartNew();
        var samples = new List<RunSample>();
        var meter = new SpeedMeter(wall);
        using var watching = new CancellationTokenSource();
        var fault = watchdog?.WatchAsync(watching.Token);
        StepResult? failure = null;
        var pending = new Queue<Task<StepResult>>();              // the clock's steps asked for, in sample order
        int asked = 0;
        RunTotals? totals = null;
        TraceRecord[] trace = [];
        try
        {
            try
            {
                await Call(clock.StartAsync(setup), fault, watchdog).ConfigureAwait(false);
                bool finished = false;
                pending.Enqueue(Step(clock, asked++, setup.Silos[0], fault, watchdog));
                while (pending.TryDequeue(out var next))
                {
                    // The clock runs on to the sample after this one while this one travels here and is shown.
                    if (!finished && !cancellation.IsCancellationRequested)
                        pending.Enqueue(Step(clock, asked++, setup.Silos[0], fault, watchdog));
                    var step = await next.ConfigureAwait(false);
                    if (step.Failure is not null)
                    {
                        failure = step;
                        break;
                    }
                    if (step.Sample is null)
                    {
                        finished = true;                          // any call still out ends the same way
                        continue;
                    }
                    samples.Add(step.Sample);
                    progress?.Report(RunProgressBuilder.From(scenario, step.Sample,
                        meter.Speed(step.Sample.VirtualTime)));
                }
                if (failure is null)
                {
                    totals = (await Call(clock.FinishAsync(), fault, watchdog).ConfigureAwait(false)).Value;
                    if (totals.LastSample is { } last) samples.Add(last);
                    trace = (await Call(clock.TraceAsync(), fault, watchdog).ConfigureAwait(false)).Value;
                }
            }
            catch (ClusterFaultException e)
            {
                failure = new StepResult(null, e.Fault.Cause, e.Fault.LostSilo, null);
                (totals, trace) = (null, []);
            }
            catch (Exception e) when (watchdog is not null && e is not OperationCanceledException)
            {
                // On a real cluster a call that fails for the cluster's sake is its failure: say what the watchdog
                // saw, if it saw anything within its patience, else what the call said. Anything else thrown in a
                // grain (the engine's own exception) is still a bug of ours.
                ClusterFault? seen = null;
                if (await Task.WhenAny(fault!, Task.Delay(watchdog.AnswerTimeout)).ConfigureAwait(false) == fault)
                    seen = await fault.ConfigureAwait(false);
                if (seen is null && !OfTheCluster(e)) throw;
                failure = new StepResult(null,
                    seen?.Cause ?? "a call to the cluster failed: " + RootCause.Of(e), seen?.LostSilo, null);
                (totals, trace) = (null, []);
            }
        }
        finally
        {
            foreach (var call in pending) Abandon(call);         // left behind by a failure
            await watching.CancelAsync().ConfigureAwait(false);
            await Stop(clock, failure is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3))
                .ConfigureAwait(false);
        }
        return Report(scenario, setup, samples, failure, totals, trace, wall.Elapsed,
            cancellation.IsCancellationRequested);
    }

    // A call of the run, unless the watchdog sees the cluster fail first.
    private static async Task<T> Call<T>(Task<T> call, Task<ClusterFault?>? fault, ClusterWatchdog? watchdog)
    {
        if (fault is null || watchdog is null) return await call.ConfigureAwait(false);
        if (await Task.WhenAny(call, fault).ConfigureAwait(false) == call || await fault.ConfigureAwait(false) is not
            { } seen)
            return await call.ConfigureAwait(false);
        Abandon(call);
        throw new ClusterFaultException(seen);
    }

    private static Task Call(Task call, Task<ClusterFault?>? fault, ClusterWatchdog? watchdog) =>
        Call(Done(call), fault, watchdog);

    private static async Task<bool> Done(Task call)
    {
        await call.ConfigureAwait(false);
        return true;
    }

    // The clock's step, unless the cluster is seen to fail first: the clock may be on the silo that went.
    private static async Task<StepResult> Step(IRunClockGrain clock, int sample, string clockSilo,
        Task<ClusterFault?>? fault, ClusterWatchdog? watchdog)
    {
        var step = clock.StepAsync(sample);
        if (fault is null || watchdog is null) return (await step.ConfigureAwait(false)).Value;
        if (await Task.WhenAny(step, fault).ConfigureAwait(false) == step
            || await fault.ConfigureAwait(false) is not { } seen)
            return (await step.ConfigureAwait(false)).Value;
        if (seen.LostSilo is { } lost && lost != clockSilo)
        {
            try
            {
                // The clock says so itself, with the virtual time it reached, once membership tells it.
                return (await step.WaitAsync(watchdog.AnswerTimeout).ConfigureAwait(false)).Value;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // The clock did not notice in time: account for the loss from here.
            }
        }
        Abandon(step);
        return new StepResult(null, seen.Cause, seen.LostSilo, null);
    }

    // A call left behind fails with the cluster: observed, so that nobody hears of it again.
    private static void Abandon(Task call) => _ = call.ContinueWith(t => t.Exception, TaskScheduler.Default);

    // Orleans' own (messaging, serialization, a silo gone), a call timed out, a socket, or the membership's store
    // (Redis), however wrapped: the cluster's doing, not the engine's.
    private static bool OfTheCluster(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            var type = x.GetType().FullName ?? "";
            if (x is TimeoutException or System.Net.Sockets.SocketException
                || type.StartsWith("Orleans.", StringComparison.Ordinal)
                || type.StartsWith("StackExchange.Redis.", StringComparison.Ordinal))
                return true;
            if (x is AggregateException a && a.InnerExceptions.Any(OfTheCluster)) return true;
        }
        return false;
    }


    private static async Task Stop(IRunClockGrain clock, TimeSpan patience)
    {
        try
        {
            await clock.StopAsync().WaitAsync(patience).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The clock's silo (or the cluster) is gone, and the run with it: nothing is left to forget, and
            // whatever it says of it changes nothing of the results.
        }
    }

    private sealed class ClusterFaultException(ClusterFault fault) : Exception(fault.Cause)
    {
        public ClusterFault Fault { get; } = fault;
    }

    private static RunReport Report(Scenario scenario, RunSetup setup, List<RunSample> samples, StepResult? failure,
        RunTotals? totals, TraceRecord[] trace, TimeSpan wall, bool cancelled)
    {
        var status = failure is not null ? RunStatus.ClusterFailed
            : cancelled ? RunStatus.Interrupted : RunStatus.Completed;
        long windows = totals?.Windows ?? samples.LastOrDefault()?.Windows ?? 0;
        long events = totals?.Events ?? samples.LastOrDefault()?.Events ?? 0;
        double? reached = failure is null ? null
            : failure.Reached is { } at ? (at - Instant.Zero).TotalSeconds
            : samples.LastOrDefault()?.VirtualTime.TotalSeconds ?? 0;
        var cluster = new ClusterReport(setup.Silos, totals?.ExchangeMessages ?? 0, totals?.ExchangeBytes ?? 0,
            totals?.PeakWindowMessages ?? 0, totals?.PeakWindowBytes ?? 0, failure?.LostSilo, reached)
        {
            IdleSilos = [.. PartitionMap.For(scenario, setup.Silos.Length).Idle.Select(p => setup.Silos[p])],
            WaitsForPeers = totals?.Waits ?? 0,
            RunSeconds = totals?.RunSeconds ?? [],
            WaitSeconds = totals?.WaitSeconds ?? [],
            BarrierSeconds = totals?.BarrierSeconds ?? 0,
        };
        if (samples.Count == 0) samples.Add(Empty(scenario));
        return new RunReport(RunSummaryBuilder.Build(scenario, samples), status, wall, windows, events,
            setup.Silos.Length, failure?.Failure)
        { Samples = samples, Trace = trace, Cluster = cluster };
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
