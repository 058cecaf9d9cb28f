using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a <see cref="HostRuntime"/>: runs its windows and calls its endpoints' grains.</summary>
[RunPlacement]
public sealed class HostGrain(RunRegistry runs) : Grain, IHostGrain, IEndpointInvoker
{
    private HostRuntime? _runtime;
    private string _run = "";
    private readonly List<Task> _calls = [];

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
        await Runtime.RunWindowAsync(b.Events, new Instant(windowEndNanoseconds), this, b.Output);
    }

    public Task<Immutable<HostSample>> SampleAsync() => Task.FromResult(new Immutable<HostSample>(Runtime.Sample()));

    public Task<Immutable<TraceRecord[]>> TraceAsync() => Task.FromResult(new Immutable<TraceRecord[]>([.. Runtime.Trace]));

    // One call per endpoint with work in this round, all at once; the results are read in slot order afterwards.
    public async ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work)
    {
        _calls.Clear();
        foreach (var w in work)
            _calls.Add(GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(_run, host, w.Slot))
                .RunAsync(new Immutable<EndpointWork>(w)));
        await Task.WhenAll(_calls);
    }
}
