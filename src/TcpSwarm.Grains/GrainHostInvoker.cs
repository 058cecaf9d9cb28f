using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A partition's way to its hosts when they are grains: one one-way call per host with events, all at once,
/// and the window goes on when the last of them is done.</summary>
public sealed class GrainHostInvoker(IGrainFactory grains, string run) : IHostInvoker
{
    private readonly OneWayRound _round = new();
    private readonly Dictionary<uint, IHostGrain> _hosts = [];

    public async ValueTask RunWindowAsync(IReadOnlyList<HostBatch> batches, Instant windowEnd)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _round.Begin(batches.Count);
        for (int i = 0; i < batches.Count; i++)                   // indexed: no enumerator boxed per window
        {
            var b = batches[i];
            b.Done = _round;
            _ = Host(b.Host).RunWindowAsync(new Immutable<HostBatch>(b), windowEnd.Nanoseconds);
        }
        await _round.WhenDone;
    }

    public async ValueTask<IReadOnlyList<HostSample>> SampleAsync(IReadOnlyList<uint> hosts, Instant now)
    {
        var calls = hosts.Select(h => Host(h).SampleAsync(now.Nanoseconds)).ToArray();
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
