using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a run's <see cref="RunClock"/>, which drives every partition's windows; stops at the
/// last sampling instant every silo reached when a silo of the run is lost (docs/architecture.md).</summary>
/// <remarks>It must not go on after a loss: Orleans would re-activate the lost hosts elsewhere with empty state
/// (the placement director refuses to), and the books would silently lose what they held.</remarks>
[RunPlacement]
public sealed class RunClockGrain(RunRegistry runs, IRunPacing pacing, IClusterMembershipService membership)
    : Grain, IRunClockGrain
{
    private RunClock? _clock;
    private GrainPartitions? _partitions;
    private ClusterWatch? _watch;
    private RunSetup? _setup;
    private StepResult? _failure;
    private Exception? _broken;                                   // a step threw: the clock must not step again

    private RunClock Started =>
        _clock ?? throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} was not started");

    public async Task StartAsync(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (_clock is not null) return;
        var context = runs.Join(setup);
        _setup = setup;
        _watch = new ClusterWatch(membership, context.Silos, pacing.For(context.Scenario));
        _partitions = new GrainPartitions(GrainFactory, setup);
        await _partitions.PrepareAsync();
        _clock = new RunClock(context.Scenario, _partitions);
    }

    public async Task<Immutable<StepResult>> StepAsync(int sample)
    {
        if (_failure is not null) return new(_failure);
        if (_broken is not null) throw new InvalidOperationException("an earlier step of the run failed", _broken);
        var clock = Started;
        try
        {
            while (clock.Samples.Count <= sample && !clock.Finished) await clock.StepAsync(_watch);
            var taken = sample < clock.Samples.Count ? clock.Samples[sample] : null;
            return new(new StepResult(taken, null, null, clock.Now));
        }
        catch (Exception e)
        {
            // A call that failed for the cluster's sake waits up to a minute for membership to name the lost silo.
            var lost = await _watch!.LostSiloAsync(ClusterFault(e) ? 300 : 0);
            if (lost is null)
            {
                _broken = e;
                throw;
            }
            int partition = _setup!.Silos.ToList().IndexOf(lost);
            var reached = clock.Now;
            _failure = new StepResult(null,
                $"silo {lost} (partition {partition} of {_setup.Silos.Length}) left the cluster; the run stopped at " +
                $"the last sampling instant every silo reached, {reached.Seconds:0.###} s of virtual time", lost,
                reached);
            return new(_failure);
        }
    }

    private static bool ClusterFault(Exception e) =>
        e is SiloLostException or SiloUnavailableException or OrleansException or TimeoutException
        || (e is AggregateException a && a.InnerExceptions.Any(ClusterFault));

    public async Task<Immutable<RunTotals>> FinishAsync()
    {
        var clock = Started;
        int before = clock.Samples.Count;
        if (_failure is null) await clock.FinishAsync(_watch);
        var last = clock.Samples.Count > before ? clock.Samples[^1] : null;
        var (messages, bytes) = clock.PeakExchange;
        return new(new RunTotals(clock.Windows, clock.Events, clock.ExchangeMessages, clock.ExchangeBytes, messages,
            bytes, last, clock.Waits, [.. clock.PartitionRunSeconds], [.. clock.PartitionWaitSeconds],
            _partitions!.BarrierSeconds));
    }

    public async Task<Immutable<TraceRecord[]>> TraceAsync() =>
        _failure is not null ? new([]) : new([.. await Started.TraceAsync()]);

    public async Task StopAsync()
    {
        if (_partitions is not null) await _partitions.ForgetAsync();
        if (_setup is not null) runs.Forget(_setup.RunId);
        DeactivateOnIdle();
    }
}
