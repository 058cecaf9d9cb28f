using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>A scenario's hosts gathered into <see cref="PlacementUnit"/>s, with each host's expected work: what
/// <see cref="PlacementPlan"/> spreads over the partitions.</summary>
/// <remarks>Servers, groups and attackers are taken in ordinal order of their names and hosts in address order, so
/// neither the file's order nor the dictionary's decides anything.</remarks>
internal sealed class PlacementUnits
{
    private readonly ServerSpec[] _servers;
    private readonly ClientGroupSpec[] _groups;
    private readonly AttackerSpec[] _attackers;
    private readonly int[] _root;
    private readonly Dictionary<uint, int> _owner = [];
    private readonly double[] _weight;
    private readonly bool[] _isServer;
    private readonly long[] _serverWork;
    private readonly long[] _clientWork;
    private readonly List<PlacementUnit> _units = [];
    private readonly int[] _unitOfRoot;

    private PlacementUnits(Scenario scenario, IReadOnlyList<uint> hosts)
    {
        Hosts = hosts;
        _servers = [.. scenario.Servers.OrderBy(s => s.Name, StringComparer.Ordinal)];
        _groups = [.. scenario.Clients.OrderBy(g => g.Name, StringComparer.Ordinal)];
        _attackers = [.. scenario.Attackers.OrderBy(a => a.Name, StringComparer.Ordinal)];
        _root = [.. Enumerable.Range(0, _servers.Length)];
        _weight = new double[hosts.Count];
        _isServer = new bool[hosts.Count];
        _serverWork = new long[_servers.Length];
        _clientWork = new long[_servers.Length];
        _unitOfRoot = new int[_servers.Length];
    }

    /// <summary>The hosts, in address order.</summary>
    public IReadOnlyList<uint> Hosts { get; }

    /// <summary>The client groups, in ordinal order of their names.</summary>
    public IReadOnlyList<ClientGroupSpec> Groups => _groups;

    /// <summary>The units, in order of their lowest server's name.</summary>
    public IReadOnlyList<PlacementUnit> Units => _units;

    /// <summary>Each host's expected work in events, in address order: its events, plus
    /// <see cref="PlacementPlan.HostWindowCost"/> for each window it is expected to be called in.</summary>
    public IReadOnlyList<double> Weight => _weight;

    /// <summary>Finds the units of a scenario's hosts (sorted by address) and the work expected of each, over a run
    /// of <paramref name="windows"/> lookahead windows.</summary>
    public static PlacementUnits Of(Scenario scenario, IReadOnlyList<uint> hosts, double windows)
    {
        var units = new PlacementUnits(scenario, hosts);
        units.JoinSharedHosts();
        units.WeighGroups(scenario);
        units.WeighAttackers(scenario);
        units.WeighWindows(windows);
        units.Collect();
        return units;
    }

    /// <summary>True when the i-th host in address order is a server's.</summary>
    public bool IsServer(int host) => _isServer[host];

    /// <summary>The index of a host's address among the hosts.</summary>
    public int IndexOf(uint address) => BinarySearch(Hosts, address);

    /// <summary>The index in <see cref="Units"/> of the unit the i-th host in address order belongs to.</summary>
    public int UnitOfHost(int index) => _unitOfRoot[Find(_owner[Hosts[index]])];

    private int ServerIndex(string name) => Array.FindIndex(_servers, s => s.Name == name);

    // Union-find over server indices; a root is its set's lowest index, so its name comes first.
    private int Find(int i) => _root[i] == i ? i : _root[i] = Find(_root[i]);

    private void Join(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b) _root[Math.Max(a, b)] = Math.Min(a, b);
    }

    // Servers joined by a shared host: two servers on one address, or a client address used by groups of two.
    private void JoinSharedHosts()
    {
        for (int s = 0; s < _servers.Length; s++)
            if (!_owner.TryAdd(_servers[s].Address, s)) Join(s, _owner[_servers[s].Address]);
        foreach (var g in _groups)
        {
            int t = ServerIndex(g.Target);
            for (int i = 0; i < g.Addresses.Count; i++)
                if (!_owner.TryAdd(g.Addresses[i], t)) Join(t, _owner[g.Addresses[i]]);
        }
    }

    // Each host's expected events from the groups; a server host is its unit's server side.
    private void WeighGroups(Scenario scenario)
    {
        foreach (var s in _servers) _isServer[IndexOf(s.Address)] = true;
        foreach (var g in _groups)
        {
            var (toServer, toClients) = TrafficEstimate.Of(scenario, g);
            int t = ServerIndex(g.Target);
            _weight[IndexOf(_servers[t].Address)] += toServer;
            _serverWork[Find(t)] += toServer;
            _clientWork[Find(t)] += toClients;
            double each = (double)toClients / g.Addresses.Count;
            for (int i = 0; i < g.Addresses.Count; i++) _weight[IndexOf(g.Addresses[i])] += each;
        }
    }

    // An attacker's SYNs count on its server's side: the attacker runs where its server does.
    private void WeighAttackers(Scenario scenario)
    {
        foreach (var a in _attackers)
        {
            long syns = TrafficEstimate.Of(scenario, a);
            int t = ServerIndex(a.Target);
            _weight[IndexOf(_servers[t].Address)] += syns;
            _serverWork[Find(t)] += syns;
        }
    }

    // A host is called once in each window it has events in: a grain call and the window's set-up, which cost as
    // much as several events. With e events spread at random over w windows, about w(1 - exp(-e/w)) have any.
    // Rounded to whole events per host, so the sums stay exact.
    private void WeighWindows(double windows)
    {
        for (int h = 0; h < _weight.Length; h++)
        {
            if (_weight[h] <= 0) continue;
            double called = windows * (1 - Math.Exp(-_weight[h] / windows));
            long cost = (long)Math.Round(PlacementPlan.HostWindowCost * called);
            _weight[h] += cost;
            int unit = Find(_owner[Hosts[h]]);
            if (_isServer[h]) _serverWork[unit] += cost;
            else _clientWork[unit] += cost;
        }
    }

    private void Collect()
    {
        for (int s = 0; s < _servers.Length; s++)
        {
            if (Find(s) != s) continue;
            var members = Enumerable.Range(0, _servers.Length).Where(i => Find(i) == s).Select(i => _servers[i].Name)
                .ToList();
            _unitOfRoot[s] = _units.Count;
            _units.Add(new PlacementUnit(string.Join('+', members), members,
                [.. _groups.Where(g => Find(ServerIndex(g.Target)) == s).Select(g => g.Name)],
                [.. _attackers.Where(a => Find(ServerIndex(a.Target)) == s).Select(a => a.Name)],
                _serverWork[s], _clientWork[s]));
        }
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
