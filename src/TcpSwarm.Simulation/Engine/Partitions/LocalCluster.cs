using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The engine without Orleans: a run's partitions, hosts and endpoints as plain objects in this process.
/// </summary>
/// <remarks>
/// The grains run exactly these runtimes; tests compare this cluster's results with the grains' byte for byte, so the
/// grain layer is shown to add nothing and lose nothing, and with several partitions against one, so spreading hosts
/// over silos is shown to change nothing. Partitions run one after another, exchanging arrivals directly; each one's
/// window takes the same steps, in the same order, as the partition grain's (docs/architecture.md).
/// </remarks>
public sealed class LocalCluster : IPartitions
{
    private readonly HostPartition[] _partitions;
    private readonly LocalHosts[] _hosts;

    public LocalCluster(Scenario scenario, int partitions = 1) : this(scenario, new PartitionMap(scenario, partitions))
    {
    }

    /// <summary>The hosts spread as <paramref name="map"/> says (<see cref="PartitionMap.Dealt"/> makes most
    /// segments cross).</summary>
    public LocalCluster(Scenario scenario, PartitionMap map)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        int partitions = map.Count;
        Network = new Network(scenario);
        Map = map;
        _partitions = new HostPartition[partitions];
        _hosts = new LocalHosts[partitions];
        for (int p = 0; p < partitions; p++)
        {
            _hosts[p] = new LocalHosts(scenario, Network, Map.HostsOf(p));
            _partitions[p] = new HostPartition(scenario, Network, Map, p);
        }
        Clock = new RunClock(scenario, this);
    }

    public Network Network { get; }
    public PartitionMap Map { get; }
    public RunClock Clock { get; }
    public int Count => _partitions.Length;

    public HostRuntime Host(uint address) => _hosts[Map.Of(address)].Host(address);

    /// <summary>Endpoint runtimes ever created: what would be grain activations.</summary>
    public int EndpointsCreated => _hosts.Sum(h => h.EndpointsCreated);

    /// <summary>Puts a segment on its way to its destination host as if the network delivered it then.</summary>
    public void Inject(in Segment seg, Instant arrivesAt) => _partitions[Map.Of(seg.DstAddr)].Inject(in seg, arrivesAt);

    public ValueTask<IReadOnlyList<Instant>> FirstEventsAsync() =>
        ValueTask.FromResult<IReadOnlyList<Instant>>([.. _partitions.Select(p => p.NextEventAt())]);

    public async ValueTask<IReadOnlyList<PartitionWindow>> RunWindowAsync(Instant windowEnd)
    {
        var results = new PartitionWindow[_partitions.Length];
        for (int p = 0; p < results.Length; p++)
        {
            var partition = _partitions[p];
            var batches = partition.BeginWindow(windowEnd);
            if (batches.Count > 0) await _hosts[p].RunWindowAsync(batches, windowEnd);
            partition.CollectOutputs();
            int messages = 0;
            for (int to = 0; to < _partitions.Length; to++)
            {
                var arrivals = partition.Outbox(to);
                if (arrivals.Count == 0) continue;
                _partitions[to].Deliver(p, windowEnd, arrivals);
                messages++;
            }
            results[p] = partition.EndWindow(messages, 0);
        }
        return results;
    }

    public async ValueTask<IReadOnlyList<PartitionSample>> SampleAsync(Instant now)
    {
        var samples = new PartitionSample[_partitions.Length];
        for (int p = 0; p < samples.Length; p++)
            samples[p] = _partitions[p].Sample(await _hosts[p].SampleAsync(_partitions[p].Hosts, now));
        return samples;
    }

    public async ValueTask<IReadOnlyList<TraceRecord>> TraceAsync()
    {
        var records = new List<TraceRecord>();
        for (int p = 0; p < _partitions.Length; p++) records.AddRange(await _hosts[p].TraceAsync(_partitions[p].Hosts));
        return records;
    }
}
