using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a run's <see cref="WindowScheduler"/>: the clock that drives the hosts' windows.</summary>
public sealed class SchedulerGrain(RunRegistry runs) : Grain, ISchedulerGrain
{
    private WindowScheduler? _scheduler;
    private GrainHostInvoker? _hosts;

    private WindowScheduler Scheduler
    {
        get
        {
            if (_scheduler is not null) return _scheduler;
            var context = runs.Get(this.GetPrimaryKeyString());
            _hosts = new GrainHostInvoker(GrainFactory, context.RunId);
            return _scheduler = new WindowScheduler(context.Scenario, _hosts, context.Network);
        }
    }

    public async Task<Immutable<RunSample?>> StepAsync(Immutable<IRunObserver?> observer) =>
        new(await Scheduler.StepAsync(observer.Value));

    public async Task<Immutable<IReadOnlyList<RunSample>>> FinishAsync()
    {
        await Scheduler.FinishAsync(null);
        return new(Scheduler.Samples);
    }

    public async Task<Immutable<IReadOnlyList<TraceRecord>>> TraceAsync()
    {
        var scheduler = Scheduler;
        return new(await _hosts!.TraceAsync(scheduler.Hosts));
    }

    public Task<(long Windows, long Events)> CountsAsync() => Task.FromResult((Scheduler.Windows, Scheduler.Events));
}
