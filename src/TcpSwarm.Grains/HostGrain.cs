using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a <see cref="HostRuntime"/>: runs its windows, calls its endpoints' grains, and parks
/// the sockets of endpoints idle for a while (<see cref="ParkedEndpoints"/>).</summary>
[RunPlacement]
public sealed class HostGrain(RunRegistry runs) : Grain, IHostGrain, IEndpointInvoker
{
    private readonly OneWayRound _round = new();
    private readonly List<IEndpointGrain> _endpoints = [];
    private readonly ParkedEndpoints _parked = new();
    private HostRuntime? _runtime;
    private string _run = "";

    private HostRuntime Runtime
    {
        get
        {
            if (_runtime is not null) return _runtime;
            var (run, address, _) = GrainKeys.Parse(this.GetPrimaryKeyString());
            var context = runs.Get(run);
            _run = run;
            return _runtime = new HostRuntime(address, context.Scenario, context.Network);
        }
    }

    public async Task RunWindowAsync(Immutable<HostBatch> batch, long windowEndNanoseconds)
    {
        var b = batch.Value;
        Exception? failure = null;
        try
        {
            _parked.WindowEnds(windowEndNanoseconds);
            await Runtime.RunWindowAsync(b.Events, new Instant(windowEndNanoseconds), this, b.Output);
        }
        catch (Exception e)
        {
            failure = e;                                          // the partition throws it
        }
        b.Done!.Done(failure);
    }

    public async Task<Immutable<HostSample>> SampleAsync(long nowNanoseconds)
    {
        var sample = Runtime.Sample();
        _parked.WindowEnds(nowNanoseconds);
        await ParkIdle();
        return new Immutable<HostSample>(sample);
    }

    public Task<Immutable<TraceRecord[]>> TraceAsync() => Task.FromResult(new Immutable<TraceRecord[]>([.. Runtime.Trace]));

    // One one-way call per endpoint with work in this round, all at once; the results are read in slot order after
    // the last one is done.
    public async ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work)
    {
        _round.Begin(work.Count);
        for (int i = 0; i < work.Count; i++)                      // indexed: no enumerator boxed per round
        {
            var w = work[i];
            w.Done = _round;
            _parked.Unpark(w);
            _ = Endpoint(host, w.Slot).RunAsync(new Immutable<EndpointWork>(w));
        }
        await _round.WhenDone;
    }

    public async Task ForgetAsync()
    {
        if (_runtime is not null) await ParkIdle(all: true);
        DeactivateOnIdle();
    }

    // Between windows, at a sampling instant: the grains of slots idle long enough hand their sockets back.
    private async Task ParkIdle(bool all = false)
    {
        var idle = _parked.Idle(all);
        if (idle.Count == 0) return;
        var runtime = Runtime;
        var work = new EndpointWork[idle.Count];
        _round.Begin(work.Length);
        for (int i = 0; i < work.Length; i++)
        {
            work[i] = new EndpointWork { Slot = idle[i], Park = true, Done = _round };
            _ = Endpoint(runtime.Address, idle[i]).RunAsync(new Immutable<EndpointWork>(work[i]));
        }
        await _round.WhenDone;
        foreach (var w in work) _parked.Parked(w.Slot, w.Runtime, runtime.IsLive(w.Slot));
    }

    private IEndpointGrain Endpoint(uint host, int slot)
    {
        while (_endpoints.Count <= slot)
            _endpoints.Add(GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(_run, host, _endpoints.Count)));
        return _endpoints[slot];
    }
}
