using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The engine without Orleans: a run's partitions, hosts and endpoints as plain objects in this process.
/// </summary>
/// <remarks>
/// The grains run exactly these runtimes; tests compare this cluster's results with the grains' byte for byte, so the
/// grain layer is shown to add nothing and lose nothing, and with several partitions against one, so spreading hosts
/// over silos is shown to change nothing. Partitions run in turn, exchanging arrivals and promises directly; each
/// one's window takes the same steps, in the same order, as the partition grain's (docs/architecture.md).
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

    /// <summary>Runs the partitions in turn, each as far as it can go, until all have reached the target: the same
    /// steps as each partition grain's leg, only interleaved by this loop instead of by messages.</summary>
    public async ValueTask<IReadOnlyList<PartitionLeg>> RunToAsync(Instant target)
    {
        var reached = new bool[_partitions.Length];
        int left = _partitions.Length;
        while (left > 0)
        {
            bool moved = false;
            for (int p = 0; p < _partitions.Length; p++)
            {
                if (reached[p]) continue;
                var partition = _partitions[p];
                var step = partition.Next(target);
                for (; step.Kind == PartitionStepKind.Window; step = partition.Next(target))
                {
                    var batches = partition.BeginWindow(step);
                    if (batches.Count > 0) await _hosts[p].RunWindowAsync(batches, step.WindowEnd);
                    partition.CollectOutputs();
                    Send(partition);
                    moved = true;
                }
                moved |= Send(partition);                         // its promise, for peers waiting on it
                if (step.Kind != PartitionStepKind.Reached) continue;
                reached[p] = true;
                left--;
            }
            // With every promise delivered, the partition with the earliest event can always run its window.
            if (!moved && left > 0)
                throw new InvalidOperationException($"partitions wait for each other on the way to {target}: " +
                    string.Join("; ", _partitions.Select(p => p.Describe())));
        }
        return [.. _partitions.Select(p => p.EndLeg(reached: true))];
    }

    private bool Send(HostPartition from)
    {
        var messages = from.Messages();
        int count = messages.Count;                               // Sent empties the list
        foreach (var m in messages) _partitions[m.To].Deliver(from.Index, m.Arrivals, m.Through);
        from.Sent(0);
        return count > 0;
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
