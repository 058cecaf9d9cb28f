using TcpSwarm.Simulation.Engine.Placement;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Which partition (one per silo) owns each simulated host: placed by traffic (<see cref="PlacementPlan"/>),
/// so that a server and its clients share a partition unless their unit is too heavy for one; an attacker goes with
/// the server it floods.</summary>
/// <remarks>
/// Deterministic from the scenario and N alone, so every silo computes the same map. Where a host runs changes no
/// result, only which segments cross between partitions: <see cref="Dealt"/> keeps the old rule (the k-th host in
/// address order on partition k mod N), under which most segments cross, for tests of the exchange itself.
/// </remarks>
public sealed class PartitionMap
{
    private readonly uint[] _hosts;
    private readonly int[] _partition;

    public PartitionMap(Scenario scenario, int partitions) : this(scenario, partitions, dealt: false)
    {
    }

    private PartitionMap(Scenario scenario, int partitions, bool dealt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Count = partitions;
        _hosts = [.. HostAddresses(scenario)];
        _partition = new int[_hosts.Length];
        if (dealt)
        {
            for (int i = 0; i < _hosts.Length; i++) _partition[i] = i % partitions;
        }
        else
        {
            Plan = PlacementPlan.Of(scenario, partitions, _hosts);
            for (int i = 0; i < _hosts.Length; i++) _partition[i] = Plan.PartitionOfHost(i);
        }
        var attackers = new int[scenario.Attackers.Count];
        for (int i = 0; i < attackers.Length; i++)
            attackers[i] = Of(scenario.Server(scenario.Attackers[i].Target).Address);
        Attackers = attackers;
        var held = new bool[partitions];
        foreach (int p in _partition) held[p] = true;
        Idle = [.. Enumerable.Range(0, partitions).Where(p => !held[p])];
    }

    /// <summary>The hosts placed by traffic over <paramref name="partitions"/> partitions.</summary>
    public static PartitionMap For(Scenario scenario, int partitions) => new(scenario, partitions);

    /// <summary>The k-th host in address order on partition k mod N, whatever talks to what: most segments cross.
    /// </summary>
    public static PartitionMap Dealt(Scenario scenario, int partitions) => new(scenario, partitions, dealt: true);

    /// <summary>How many partitions the hosts are spread over.</summary>
    public int Count { get; }

    /// <summary>The placement by traffic this map follows; null for a dealt map.</summary>
    public PlacementPlan? Plan { get; }

    /// <summary>Every simulated host, sorted by address.</summary>
    public IReadOnlyList<uint> Hosts => _hosts;

    /// <summary>The partition of each attacker, in the scenario's order.</summary>
    public IReadOnlyList<int> Attackers { get; }

    /// <summary>The partitions that own no host (more partitions than the scenario has units to spread).</summary>
    public IReadOnlyList<int> Idle { get; }

    /// <summary>The partition that owns a host's address.</summary>
    public int Of(uint host)
    {
        int i = Array.BinarySearch(_hosts, host);
        if (i < 0) throw new ArgumentException($"{Tcp.Ipv4.Format(host)} is no simulated host", nameof(host));
        return _partition[i];
    }

    /// <summary>The partition that owns a host's address.</summary>
    public int PartitionOf(uint host) => Of(host);

    /// <summary>The hosts one partition owns, in address order.</summary>
    public IReadOnlyList<uint> HostsOf(int partition)
    {
        var hosts = new List<uint>();
        for (int i = 0; i < _hosts.Length; i++)
            if (_partition[i] == partition) hosts.Add(_hosts[i]);
        return hosts;
    }

    /// <summary>Every simulated host's address, sorted: servers and each client group's addresses.</summary>
    public static IReadOnlyList<uint> HostAddresses(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var set = new SortedSet<uint>();
        foreach (var s in scenario.Servers) set.Add(s.Address);
        foreach (var c in scenario.Clients)
            for (int i = 0; i < c.Addresses.Count; i++) set.Add(c.Addresses[i]);
        return [.. set];
    }
}
