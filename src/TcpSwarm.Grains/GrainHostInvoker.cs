using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A partition's way to its hosts when they are grains: one call per host with events, all at once.</summary>
public sealed class GrainHostInvoker(IGrainFactory grains, string run) : IHostInvoker
{
    private readonly List<Task> _calls = [];

    public async ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd)
    {
        _calls.Clear();
        foreach (var b in batches)
            _calls.Add(grains.GetGrain<IHostGrain>(GrainKeys.Host(run, b.Host))
                .RunWindowAsync(new Immutable<HostBatch>(b), windowEnd.Nanoseconds));
        await Task.WhenAll(_calls);
    }

    public async ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts)
    {
        var calls = hosts.Select(h => grains.GetGrain<IHostGrain>(GrainKeys.Host(run, h)).SampleAsync()).ToArray();
        var results = await Task.WhenAll(calls);
        return [.. results.Select(r => r.Value)];
    }

    public async ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts)
    {
        var calls = hosts.Select(h => grains.GetGrain<IHostGrain>(GrainKeys.Host(run, h)).TraceAsync()).ToArray();
        var results = await Task.WhenAll(calls);
        return [.. results.SelectMany(r => r.Value)];
    }
}
