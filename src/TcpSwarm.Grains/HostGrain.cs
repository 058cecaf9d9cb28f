using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a <see cref="HostRuntime"/>: runs its windows, calls its endpoints' grains, and parks
/// the sockets of endpoints idle for a while (<see cref="ParkedEndpoints"/>).</summary>
/// <remarks>The host's runtime runs a window in rounds and calls back here (<see cref="IEndpointInvoker"/>) for each
/// round's endpoint work: one one-way call per endpoint, the work handed over by reference.</remarks>
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

    public async Task RunWindowAsync(Handover<HostBatch> batch, Instant windowEnd)
    {
        var b = batch.Work;
        Exception? failure = null;
        try
        {
            _parked.WindowEnds(windowEnd);
            await Runtime.RunWindowAsync(b.Events, windowEnd, this, b.Output);
        }
        catch (Exception e)
        {
            failure = e;                                          // the partition throws it
        }
        batch.Done(failure);
    }

    public async Task<Immutable<HostSample>> SampleAsync(Instant now)
    {
        var sample = Runtime.Sample();
        _parked.WindowEnds(now);
        await ParkIdle();
        return new Immutable<HostSample>(sample);
    }

    public Task<Immutable<TraceRecord[]>> TraceAsync() =>
        Task.FromResult(new Immutable<TraceRecord[]>([.. Runtime.Trace]));

    // One round's endpoint work, in slot order: a parked socket goes back with its slot's work.
    public ValueTask RunAsync(uint host, IReadOnlyList<EndpointWork> work) =>
        _round.RunAsync(work, this, static (grain, w) =>
        {
            grain._parked.Unpark(w.Work);
            return grain.Endpoint(w.Work.Slot).RunAsync(w);
        });

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
        for (int i = 0; i < work.Length; i++) work[i] = new EndpointWork { Slot = idle[i], Park = true };
        await _round.RunAsync(work, this, static (grain, w) => grain.Endpoint(w.Work.Slot).RunAsync(w));
        foreach (var w in work) _parked.Parked(w.Slot, w.Runtime, runtime.IsLive(w.Slot));
    }

    private IEndpointGrain Endpoint(int slot)
    {
        uint address = Runtime.Address;                           // first: it sets _run
        while (_endpoints.Count <= slot)
            _endpoints.Add(GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(_run, address, _endpoints.Count)));
        return _endpoints[slot];
    }
}
