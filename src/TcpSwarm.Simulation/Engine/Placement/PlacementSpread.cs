using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>The decisions of <see cref="PlacementPlan"/>, in the order it makes them: which units to split, then
/// where each unit (or split unit's server side) goes, then where each split unit's client hosts go.</summary>
internal sealed class PlacementSpread
{
    private readonly PlacementUnits _units;
    private readonly int _partitions;
    private readonly bool[] _split;
    private readonly double[] _load;
    private readonly int[] _unitPartition;
    private readonly int[] _partitionOf;

    private PlacementSpread(PlacementUnits units, int partitions)
    {
        _units = units;
        _partitions = partitions;
        var all = units.Units;
        Order = [.. Enumerable.Range(0, all.Count)
            .OrderByDescending(u => all[u].Work).ThenBy(u => all[u].Name, StringComparer.Ordinal)];
        _split = new bool[all.Count];
        _load = new double[partitions];
        _unitPartition = new int[all.Count];
        _partitionOf = new int[units.Hosts.Count];
    }

    /// <summary>The indices of the units, the heaviest first (ties by name).</summary>
    public IReadOnlyList<int> Order { get; }

    /// <summary>Each host's partition, in address order.</summary>
    public int[] PartitionOf => _partitionOf;

    /// <summary>Spreads the units over <paramref name="partitions"/> partitions; <paramref name="windows"/>: how many
    /// lookahead windows the run lasts.</summary>
    public static PlacementSpread Of(PlacementUnits units, int partitions, double windows)
    {
        var spread = new PlacementSpread(units, partitions);
        if (partitions > 1) spread.ChooseSplits(windows);
        spread.SpreadUnits();
        spread.SpreadClients();
        return spread;
    }

    /// <summary>Each partition's parts: whole units, split units' server sides, then their clients' shares.
    /// </summary>
    public List<PlacementPart>[] Parts()
    {
        var parts = Enumerable.Range(0, _partitions).Select(_ => new List<PlacementPart>()).ToArray();
        foreach (int u in Order)
        {
            var unit = _units.Units[u];
            var unitGroups = _units.Groups.Where(g => unit.Groups.Contains(g.Name)).ToArray();
            if (!_split[u])
            {
                parts[_unitPartition[u]].Add(new PlacementPart(unit.Name, false, unit.Servers,
                    [.. unitGroups.Select(g => new PlacedGroup(g.Name, g.Addresses.Count, g.Addresses.Count))],
                    unit.Attackers, unit.Work));
                continue;
            }
            for (int p = 0; p < _partitions; p++)
            {
                var (placed, held) = ClientShare(unitGroups, p);
                if (p == _unitPartition[u])
                    parts[p].Add(new PlacementPart(unit.Name, true, unit.Servers, placed, unit.Attackers,
                        unit.ServerWork + held));
                else if (placed.Count > 0) parts[p].Add(new PlacementPart(unit.Name, true, [], placed, [], held));
            }
        }
        return parts;
    }

    /// <summary>Each partition's expected work, in events.</summary>
    public double[] Work()
    {
        var work = new double[_partitions];
        for (int h = 0; h < _partitionOf.Length; h++) work[_partitionOf[h]] += _units.Weight[h];
        return work;
    }

    // Split a unit only when it is heavy, busy enough in each window, and splitting gains enough
    // (PlacementPlan.HeavyMargin, MinSplitEventsPerWindow and SplitGain).
    private void ChooseSplits(double windows)
    {
        long total = _units.Units.Sum(u => u.Work);
        foreach (int u in Order)
        {
            var unit = _units.Units[u];
            bool heavy = unit.Work > PlacementPlan.HeavyMargin * total / _partitions && unit.Groups.Count > 0
                && unit.Work / windows >= PlacementPlan.MinSplitEventsPerWindow;
            double largest = Math.Max(unit.ServerWork, (double)unit.Work / _partitions);
            _split[u] = heavy && largest <= PlacementPlan.SplitGain * unit.Work;
        }
    }

    // Whole units and split units' server sides, the heaviest first, each on the least loaded partition; every
    // host goes with its unit until SpreadClients moves split units' clients.
    private void SpreadUnits()
    {
        var all = _units.Units;
        foreach (int u in Order.OrderByDescending(u => _split[u] ? all[u].ServerWork : all[u].Work)
                     .ThenBy(u => all[u].Name, StringComparer.Ordinal))
        {
            int p = Lightest();
            _unitPartition[u] = p;
            _load[p] += _split[u] ? all[u].ServerWork : all[u].Work;
        }
        for (int h = 0; h < _partitionOf.Length; h++) _partitionOf[h] = _unitPartition[_units.UnitOfHost(h)];
    }

    // Split units' client hosts, in address order, each on the least loaded partition, its servers' among them: the
    // clients that stay with their server cross nothing, and the rest fill the other partitions evenly.
    private void SpreadClients()
    {
        foreach (int u in Order.Where(u => _split[u]))
            for (int h = 0; h < _partitionOf.Length; h++)
            {
                if (_units.IsServer(h) || _units.UnitOfHost(h) != u) continue;
                int p = Lightest();
                _partitionOf[h] = p;
                _load[p] += _units.Weight[h];
            }
    }

    // The client hosts of a split unit's groups on partition p, per group, and their expected work.
    private (List<PlacedGroup> Placed, double Held) ClientShare(IReadOnlyList<ClientGroupSpec> unitGroups, int p)
    {
        var placed = new List<PlacedGroup>();
        double held = 0;
        foreach (var g in unitGroups)
        {
            int n = 0;
            for (int i = 0; i < g.Addresses.Count; i++)
            {
                int h = _units.IndexOf(g.Addresses[i]);
                if (_units.IsServer(h) || _partitionOf[h] != p) continue;
                n++;
                held += _units.Weight[h];
            }
            if (n > 0) placed.Add(new PlacedGroup(g.Name, n, g.Addresses.Count));
        }
        return (placed, held);
    }

    // The least loaded partition; ties go to the lower index.
    private int Lightest()
    {
        int best = 0;
        for (int p = 1; p < _load.Length; p++)
            if (_load[p] < _load[best]) best = p;
        return best;
    }
}
