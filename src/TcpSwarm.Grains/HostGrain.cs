using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a <see cref="HostRuntime"/>: runs its windows and calls its endpoints' grains.</summary>
[RunPlacement]
public sealed class HostGrain(RunRegistry runs) : Grain, IHostGrain, IEndpointInvoker
{
    private readonly OneWayRound _round = new();
    private readonly List<IEndpointGrain> _endpoints = [];
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
            await Runtime.RunWindowAsync(b.Events, new Instant(windowEndNanoseconds), this, b.Output);
        }
        catch (Exception e)
        {
            failure = e;                                          // the partition throws it
        }
        b.Done!.Done(failure);
    }

    public Task<Immutable<HostSample>> SampleAsync() => Task.FromResult(new Immutable<HostSample>(Runtime.Sample()));

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
            _ = Endpoint(host, w.Slot).RunAsync(new Immutable<EndpointWork>(w));
        }
        await _round.WhenDone;
    }

    private IEndpointGrain Endpoint(uint host, int slot)
    {
        while (_endpoints.Count <= slot)
            _endpoints.Add(GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(_run, host, _endpoints.Count)));
        return _endpoints[slot];
    }
}
