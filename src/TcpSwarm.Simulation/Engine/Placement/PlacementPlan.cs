using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>Hosts placed by traffic: units (a server with its clients and attackers) spread over the partitions by
/// their expected work, the heaviest first, each on the least loaded partition; a unit too heavy for one partition
/// split, its client hosts filling the partitions up to an even load, its servers' among them. docs/placement.md
/// gives the rule.</summary>
/// <remarks>
/// Deterministic from the scenario and N alone: servers, groups and attackers are taken in ordinal order of their
/// names and hosts in address order, work is counted in whole events, and ties go to the lower name and the lower
/// partition index, so neither the file's order nor any dictionary's decides anything.
/// </remarks>
public sealed class PlacementPlan
{
    /// <summary>A unit is heavy when its work exceeds the fair share (total / N) by more than this factor.</summary>
    public const double HeavyMargin = 1.25;

    /// <summary>A heavy unit is split only when its largest piece (its servers' side, or an even share of its work)
    /// is at most this fraction of its work: a split that gains less only adds crossing segments (a SYN flood's
    /// server does nearly all the work, and keeps its clients).</summary>
    public const double SplitGain = 0.8;

    /// <summary>A heavy unit is split only when it expects at least this much work (in events) per lookahead window:
    /// about a millisecond of one core's work (250 k events/s, docs/performance.md). After each window the two sides of
    /// a split exchange a message and wait for each other's promise, a few tenths of a millisecond between silo
    /// processes, which a lighter unit's split would not earn back (quickstart's unit expects about 8 a window).
    /// </summary>
    public const double MinSplitEventsPerWindow = 250;

    /// <summary>What calling a host in a window costs, in events: a grain call and the window's set-up. Measured on
    /// one silo (hot-server.yaml's 6,000 connections/s from 256 client hosts against the same from 16: 2.3 times
    /// the wall time for 1.1 times the events); docs/placement.md.</summary>
    public const double HostWindowCost = 5;

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

    /// <summary>Each partition's expected work, in events.</summary>
    public IReadOnlyList<double> Work { get; }

    /// <summary>The run's expected work, in events.</summary>
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
        double windows = Math.Max(1, scenario.Duration / scenario.Lookahead);
        var units = PlacementUnits.Of(scenario, hosts, windows);
        var spread = PlacementSpread.Of(units, partitions, windows);
        return new PlacementPlan(partitions, [.. spread.Order.Select(u => units.Units[u])], spread.PartitionOf,
            spread.Parts(), spread.Work());
    }
}
