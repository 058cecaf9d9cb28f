using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>Hosts placed by traffic: units (a server with its clients and attackers) spread over the partitions by
/// their expected work, the heaviest first, each on the least loaded partition; a unit too heavy for one partition
/// split, its client hosts placed away from its servers. docs/placement.md gives the rule.</summary>
/// <remarks>
/// Deterministic from the scenario and N alone: servers, groups and attackers are taken in ordinal order of their
/// names and hosts in address order, work is counted in whole events, and ties go to the lower name and the lower
/// partition index, so neither the file's order nor any dictionary's decides anything.
/// </remarks>
public sealed class PlacementPlan
{
    /// <summary>A unit is heavy when its work exceeds the fair share (total / N) by more than this factor.</summary>
    public const double HeavyMargin = 1.25;

    /// <summary>A heavy unit is split only when its largest piece (its servers' side, or its clients' share of one
    /// of the other N − 1 partitions) is at most this fraction of its work: a split that gains less only adds
    /// crossing segments (a SYN flood's server does nearly all the work, and keeps its clients).</summary>
    public const double SplitGain = 0.8;

    private readonly int[] _partitionOf;

    private PlacementPlan(int partitions, IReadOnlyList<PlacementUnit> units, int[] partitionOf,
        List<PlacementPart>[] parts, double[] work)
    {
        Count = partitions;
        Units = units;
        _partitionOf = partitionOf;
        Parts = parts;
        Work = work;
        TotalWork = units.Sum(u => u.Work);
        Idle = [.. Enumerable.Range(0, partitions).Where(p => parts[p].Count == 0)];
    }

    /// <summary>How many partitions.</summary>
    public int Count { get; }

    /// <summary>The units, the heaviest first (ties by name).</summary>
    public IReadOnlyList<PlacementUnit> Units { get; }

    /// <summary>Each partition's parts, in the order they were placed.</summary>
    public IReadOnlyList<IReadOnlyList<PlacementPart>> Parts { get; }

    /// <summary>Each partition's expected events.</summary>
    public IReadOnlyList<double> Work { get; }

    /// <summary>Every expected event of the run.</summary>
    public long TotalWork { get; }

    /// <summary>The partitions that hold no host: nothing to run there.</summary>
    public IReadOnlyList<int> Idle { get; }

    /// <summary>A partition's expected share of the run's work, 0 to 1 (an even share when nothing is expected).
    /// </summary>
    public double Share(int partition) =>
        TotalWork > 0 ? Work[partition] / TotalWork : (Parts[partition].Count > 0 ? 1.0 / (Count - Idle.Count) : 0);

    /// <summary>The partition of the i-th host in address order.</summary>
    internal int PartitionOfHost(int index) => _partitionOf[index];

    /// <summary>Places a scenario's hosts (sorted by address, as <see cref="PartitionMap.HostAddresses"/> gives
    /// them) over <paramref name="partitions"/> partitions.</summary>
    public static PlacementPlan Of(Scenario scenario, int partitions, IReadOnlyList<uint> hosts)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var servers = scenario.Servers.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var groups = scenario.Clients.OrderBy(g => g.Name, StringComparer.Ordinal).ToArray();
        var attackers = scenario.Attackers.OrderBy(a => a.Name, StringComparer.Ordinal).ToArray();
        int ServerIndex(string name) => Array.FindIndex(servers, s => s.Name == name);

        // Units: servers joined by a shared host (two servers on one address, or a client address used by groups
        // of two servers); each root is the unit's lowest server index, so its name comes first.
        var root = Enumerable.Range(0, servers.Length).ToArray();
        int Find(int i) => root[i] == i ? i : root[i] = Find(root[i]);
        void Join(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a != b) root[Math.Max(a, b)] = Math.Min(a, b);
        }
        var owner = new Dictionary<uint, int>();
        for (int s = 0; s < servers.Length; s++)
            if (!owner.TryAdd(servers[s].Address, s)) Join(s, owner[servers[s].Address]);
        foreach (var g in groups)
        {
            int t = ServerIndex(g.Target);
            for (int i = 0; i < g.Addresses.Count; i++)
                if (!owner.TryAdd(g.Addresses[i], t)) Join(t, owner[g.Addresses[i]]);
        }

        // Work: each host's expected events; a server host is its unit's server side.
        var weight = new double[hosts.Count];
        var isServer = new bool[hosts.Count];
        int IndexOf(uint address) => BinarySearch(hosts, address);
        var serverWork = new long[servers.Length];
        var clientWork = new long[servers.Length];
        foreach (var s in servers) isServer[IndexOf(s.Address)] = true;
        foreach (var g in groups)
        {
            var (toServer, toClients) = TrafficEstimate.Of(scenario, g);
            int t = ServerIndex(g.Target);
            weight[IndexOf(servers[t].Address)] += toServer;
            serverWork[Find(t)] += toServer;
            clientWork[Find(t)] += toClients;
            double each = (double)toClients / g.Addresses.Count;
            for (int i = 0; i < g.Addresses.Count; i++) weight[IndexOf(g.Addresses[i])] += each;
        }
        foreach (var a in attackers)
        {
            long syns = TrafficEstimate.Of(scenario, a);
            int t = ServerIndex(a.Target);
            weight[IndexOf(servers[t].Address)] += syns;
            serverWork[Find(t)] += syns;
        }

        var units = new List<PlacementUnit>();
        var unitOfRoot = new int[servers.Length];
        for (int s = 0; s < servers.Length; s++)
        {
            if (Find(s) != s) continue;
            var members = Enumerable.Range(0, servers.Length).Where(i => Find(i) == s).Select(i => servers[i].Name)
                .ToList();
            unitOfRoot[s] = units.Count;
            units.Add(new PlacementUnit(string.Join('+', members), members,
                [.. groups.Where(g => Find(ServerIndex(g.Target)) == s).Select(g => g.Name)],
                [.. attackers.Where(a => Find(ServerIndex(a.Target)) == s).Select(a => a.Name)],
                serverWork[s], clientWork[s]));
        }
        int UnitOfHost(int index) => unitOfRoot[Find(owner[hosts[index]])];

        var order = Enumerable.Range(0, units.Count)
            .OrderByDescending(u => units[u].Work).ThenBy(u => units[u].Name, StringComparer.Ordinal).ToArray();
        long total = units.Sum(u => u.Work);
        var split = new bool[units.Count];
        if (partitions > 1)
            foreach (int u in order)
            {
                var unit = units[u];
                bool heavy = unit.Work > HeavyMargin * total / partitions && unit.Groups.Count > 0;
                double largest = Math.Max(unit.ServerWork, (double)unit.ClientWork / (partitions - 1));
                split[u] = heavy && largest <= SplitGain * unit.Work;
            }

        // Whole units and split units' server sides, the heaviest first, each on the least loaded partition.
        var load = new double[partitions];
        var unitPartition = new int[units.Count];
        foreach (int u in order.OrderByDescending(u => split[u] ? units[u].ServerWork : units[u].Work)
                     .ThenBy(u => units[u].Name, StringComparer.Ordinal))
        {
            int p = Lightest(load, -1);
            unitPartition[u] = p;
            load[p] += split[u] ? units[u].ServerWork : units[u].Work;
        }
        var partitionOf = new int[hosts.Count];
        for (int h = 0; h < hosts.Count; h++) partitionOf[h] = unitPartition[UnitOfHost(h)];

        // Split units' client hosts, in address order, each on the least loaded partition but its servers'.
        foreach (int u in order.Where(u => split[u]))
            for (int h = 0; h < hosts.Count; h++)
            {
                if (isServer[h] || UnitOfHost(h) != u) continue;
                int p = Lightest(load, unitPartition[u]);
                partitionOf[h] = p;
                load[p] += weight[h];
            }

        var parts = Enumerable.Range(0, partitions).Select(_ => new List<PlacementPart>()).ToArray();
        foreach (int u in order)
        {
            var unit = units[u];
            var unitGroups = groups.Where(g => unit.Groups.Contains(g.Name)).ToArray();
            if (!split[u])
            {
                parts[unitPartition[u]].Add(new PlacementPart(unit.Name, false, unit.Servers,
                    [.. unitGroups.Select(g => new PlacedGroup(g.Name, g.Addresses.Count, g.Addresses.Count))],
                    unit.Attackers, unit.Work));
                continue;
            }
            parts[unitPartition[u]].Add(new PlacementPart(unit.Name, true, unit.Servers, [], unit.Attackers,
                unit.ServerWork));
            for (int p = 0; p < partitions; p++)
            {
                if (p == unitPartition[u]) continue;
                var placed = new List<PlacedGroup>();
                double held = 0;
                foreach (var g in unitGroups)
                {
                    int n = 0;
                    for (int i = 0; i < g.Addresses.Count; i++)
                    {
                        int h = IndexOf(g.Addresses[i]);
                        if (isServer[h] || partitionOf[h] != p) continue;
                        n++;
                        held += weight[h];
                    }
                    if (n > 0) placed.Add(new PlacedGroup(g.Name, n, g.Addresses.Count));
                }
                if (placed.Count > 0) parts[p].Add(new PlacementPart(unit.Name, true, [], placed, [], held));
            }
        }
        var work = new double[partitions];
        for (int h = 0; h < hosts.Count; h++) work[partitionOf[h]] += weight[h];
        return new PlacementPlan(partitions, [.. order.Select(u => units[u])], partitionOf, parts, work);
    }

    // The least loaded partition other than `except`; ties go to the lower index.
    private static int Lightest(double[] load, int except)
    {
        int best = -1;
        for (int p = 0; p < load.Length; p++)
            if (p != except && (best < 0 || load[p] < load[best])) best = p;
        return best;
    }

    private static int BinarySearch(IReadOnlyList<uint> hosts, uint address)
    {
        int lo = 0, hi = hosts.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (hosts[mid] == address) return mid;
            if (hosts[mid] < address) lo = mid + 1;
            else hi = mid - 1;
        }
        throw new ArgumentException($"{Tcp.Ipv4.Format(address)} is not among the hosts", nameof(address));
    }
}
