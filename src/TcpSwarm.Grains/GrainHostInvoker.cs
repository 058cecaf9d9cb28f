using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A partition's hosts when they are grains: a window is one one-way call per host with events, all at once,
/// each batch handed over by reference (<see cref="Handover{T}"/>); the other calls are ordinary ones.</summary>
public sealed class GrainHostInvoker(IGrainFactory grains, string run) : IHostInvoker
{
    private readonly OneWayRound _round = new();
    private readonly Dictionary<uint, IHostGrain> _hosts = [];

    public ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd) =>
        _round.RunAsync(batches, (Hosts: this, End: windowEnd),
            static (s, batch) => s.Hosts.Host(batch.Work.Host).RunWindowAsync(batch, s.End));

    public async ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts, Instant now)
    {
        var calls = hosts.Select(h => Host(h).SampleAsync(now)).ToArray();
        var results = await Task.WhenAll(calls);
        return [.. results.Select(r => r.Value)];
    }

    public async ValueTask ForgetAsync(IReadOnlyList<uint> hosts) =>
        await Task.WhenAll(hosts.Select(h => Host(h).ForgetAsync()));

    public async ValueTask<IReadOnlyList<TraceRecord>> TraceAsync(IReadOnlyList<uint> hosts)
    {
        var calls = hosts.Select(h => Host(h).TraceAsync()).ToArray();
        var results = await Task.WhenAll(calls);
        return [.. results.SelectMany(r => r.Value)];
    }

    private IHostGrain Host(uint address)
    {
        if (!_hosts.TryGetValue(address, out var host))
            _hosts.Add(address, host = grains.GetGrain<IHostGrain>(GrainKeys.Host(run, address)));
        return host;
    }
}
