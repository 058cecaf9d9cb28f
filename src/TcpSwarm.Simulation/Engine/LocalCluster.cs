using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The engine without Orleans: a run's partitions, hosts and endpoints as plain objects in this process.
/// </summary>
/// <remarks>
/// The grains run exactly these runtimes; tests compare this cluster's results with the grains' byte for byte, so the
/// grain layer is shown to add nothing and lose nothing, and with several partitions against one, so spreading hosts
/// over silos is shown to change nothing. Partitions run one after another, exchanging arrivals directly.
/// </remarks>
public sealed class LocalCluster : IPartitions, IArrivalExchange
{
    private readonly HostPartition[] _partitions;
    private readonly LocalHosts[] _hosts;

    public LocalCluster(Scenario scenario, int partitions = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Network = new Network(scenario);
        Map = new PartitionMap(scenario, partitions);
        _partitions = new HostPartition[partitions];
        _hosts = new LocalHosts[partitions];
        for (int p = 0; p < partitions; p++)
        {
            _hosts[p] = new LocalHosts(scenario, Network, Map.HostsOf(p));
            _partitions[p] = new HostPartition(scenario, Network, Map, p, _hosts[p]);
        }
        Scheduler = new WindowScheduler(scenario, this);
    }

    public Network Network { get; }
    public PartitionMap Map { get; }
    public WindowScheduler Scheduler { get; }
    public int Count => _partitions.Length;

    public HostRuntime Host(uint address) => _hosts[Map.Of(address)].Host(address);

    /// <summary>Endpoint runtimes ever created: what would be grain activations.</summary>
    public int EndpointsCreated => _hosts.Sum(h => h.EndpointsCreated);

    /// <summary>Puts a segment on its way to its destination host as if the network delivered it then.</summary>
    public void Inject(in Segment seg, Instant arrivesAt) => _partitions[Map.Of(seg.DstAddr)].Inject(in seg, arrivesAt);

    public ValueTask<IReadOnlyList<long>> FirstEventsAsync() =>
        ValueTask.FromResult<IReadOnlyList<long>>([.. _partitions.Select(p => p.NextEventAt().Nanoseconds)]);

    public async ValueTask<IReadOnlyList<PartitionWindow>> RunWindowAsync(Instant windowEnd)
    {
        var results = new PartitionWindow[_partitions.Length];
        for (int p = 0; p < results.Length; p++) results[p] = await _partitions[p].RunWindowAsync(windowEnd, this);
        return results;
    }

    public async ValueTask<IReadOnlyList<PartitionSample>> SampleAsync(Instant now)
    {
        var samples = new PartitionSample[_partitions.Length];
        for (int p = 0; p < samples.Length; p++) samples[p] = await _partitions[p].SampleAsync(now);
        return samples;
    }

    public async ValueTask<IReadOnlyList<TraceRecord>> TraceAsync()
    {
        var records = new List<TraceRecord>();
        foreach (var p in _partitions) records.AddRange(await p.TraceAsync());
        return records;
    }

    public ValueTask<long> SendAsync(int from, int to, Instant window, IReadOnlyList<Arrival> arrivals)
    {
        _partitions[to].Deliver(from, window, arrivals);
        return ValueTask.FromResult(0L);
    }
}
