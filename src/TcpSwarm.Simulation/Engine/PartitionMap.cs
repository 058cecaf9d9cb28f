using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Which partition (one per silo) owns each simulated host: the k-th host in address order goes to
/// partition k mod N, and an attacker goes with the server it floods.</summary>
/// <remarks>
/// Deterministic from the scenario and N alone, so every silo computes the same map. Clients only talk to servers,
/// so no grouping of hosts would save messages between silos; spreading them evenly spreads the work.
/// </remarks>
public sealed class PartitionMap
{
    private readonly uint[] _hosts;

    public PartitionMap(Scenario scenario, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Count = partitions;
        _hosts = [.. HostAddresses(scenario)];
        var attackers = new int[scenario.Attackers.Count];
        for (int i = 0; i < attackers.Length; i++) attackers[i] = Of(scenario.Server(scenario.Attackers[i].Target).Address);
        Attackers = attackers;
    }

    /// <summary>How many partitions the hosts are spread over.</summary>
    public int Count { get; }

    /// <summary>Every simulated host, sorted by address.</summary>
    public IReadOnlyList<uint> Hosts => _hosts;

    /// <summary>The partition of each attacker, in the scenario's order.</summary>
    public IReadOnlyList<int> Attackers { get; }

    /// <summary>The partition that owns a host's address.</summary>
    public int Of(uint host)
    {
        int i = Array.BinarySearch(_hosts, host);
        if (i < 0) throw new ArgumentException($"{Tcp.Ipv4.Format(host)} is no simulated host", nameof(host));
        return i % Count;
    }

    /// <summary>The hosts one partition owns, in address order.</summary>
    public IReadOnlyList<uint> HostsOf(int partition)
    {
        var hosts = new List<uint>();
        for (int i = partition; i < _hosts.Length; i += Count) hosts.Add(_hosts[i]);
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
