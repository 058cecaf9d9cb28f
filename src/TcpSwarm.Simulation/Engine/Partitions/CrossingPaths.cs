using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Which partitions' hosts can send segments to which other partitions' hosts, and the least delay on the way
/// (the pair's lookahead): the graph a partition synchronises along, and nothing else.</summary>
/// <remarks>
/// A segment only travels a path, and a path joins a server with a client group or an attacker. So partition q can
/// send to partition p only if some path has its server on one and, on the other, a host whose address lies in the
/// path's other end: the client group's addresses, or the attacker's spoofed range (a SYN-ACK to a spoofed address
/// reaches a client host that holds it). Ranges are matched by address, not by group, since overlapping ranges make
/// a segment ride another group's path (<see cref="Paths.Network"/>). Both directions count, each path at its
/// latency floor; a pair no path joins has no lookahead at all and never waits for the other.
/// </remarks>
public sealed class CrossingPaths
{
    private readonly TimeSpan?[][] _lookahead;                 // [from][to]
    private readonly HashSet<uint> _border;

    private CrossingPaths(TimeSpan?[][] lookahead, HashSet<uint> border)
    {
        _lookahead = lookahead;
        _border = border;
        var inbound = new List<int>[lookahead.Length];
        var outbound = new List<int>[lookahead.Length];
        for (int p = 0; p < lookahead.Length; p++) (inbound[p], outbound[p]) = ([], []);
        for (int from = 0; from < lookahead.Length; from++)
            for (int to = 0; to < lookahead.Length; to++)
                if (lookahead[from][to] is not null)
                {
                    outbound[from].Add(to);
                    inbound[to].Add(from);
                }
        Inbound = inbound;
        Outbound = outbound;
    }

    /// <summary>Per partition, the partitions that can send to it, in partition order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Inbound { get; }

    /// <summary>Per partition, the partitions it can send to, in partition order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Outbound { get; }

    /// <summary>Whether a path joins <paramref name="host"/> to a host on another partition: a border host, which
    /// may hear from peers and send to them. The others, inner hosts, exchange segments only within their partition.
    /// </summary>
    public bool IsBorder(uint host) => _border.Contains(host);

    /// <summary>The least delay of a segment from a host on <paramref name="from"/> to one on <paramref name="to"/>;
    /// null when none can reach it.</summary>
    public TimeSpan? Lookahead(int from, int to) => _lookahead[from][to];

    /// <summary>The crossing paths of a scenario spread as <paramref name="map"/> says.</summary>
    public static CrossingPaths Of(Scenario scenario, PartitionMap map)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(map);
        var lookahead = new TimeSpan?[map.Count][];
        for (int p = 0; p < map.Count; p++) lookahead[p] = new TimeSpan?[map.Count];
        var border = new HashSet<uint>();
        foreach (var path in scenario.Paths)
        {
            uint serverHost = scenario.Server(path.To).Address;
            int server = map.Of(serverHost);
            foreach (uint host in HostsWithin(scenario, map, path.From))
            {
                int other = map.Of(host);
                if (other == server) continue;
                border.Add(host);
                border.Add(serverHost);
                Join(lookahead, server, other, path.Latency.Floor);
                Join(lookahead, other, server, path.Latency.Floor);
            }
        }
        return new CrossingPaths(lookahead, border);
    }

    // The hosts whose address the path's far end (a client group or an attacker's spoofed range) covers.
    private static IEnumerable<uint> HostsWithin(Scenario scenario, PartitionMap map, string end)
    {
        var group = scenario.Clients.FirstOrDefault(c => c.Name == end);
        var attacker = scenario.Attackers.FirstOrDefault(a => a.Name == end);
        return map.Hosts.Where(host =>
            (group?.Addresses.Contains(host) ?? false) || (attacker?.SpoofedFrom.Contains(host) ?? false));
    }

    private static void Join(TimeSpan?[][] lookahead, int from, int to, TimeSpan floor)
    {
        if (lookahead[from][to] is not { } known || floor < known) lookahead[from][to] = floor;
    }
}
