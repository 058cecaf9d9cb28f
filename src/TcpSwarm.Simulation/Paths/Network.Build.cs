using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Paths;

// Construction: the address blocks, one route per (party, server) path, and each route's share of the faults.
public sealed partial class Network
{
    /// <summary>Builds the network of a validated scenario, once per run.</summary>
    public Network(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Lookahead = scenario.Lookahead;
        var servers = scenario.Servers;
        _serverCount = servers.Count;
        _serverPorts = new ushort[servers.Count];
        for (int s = 0; s < servers.Count; s++) _serverPorts[s] = servers[s].Port;

        // Parties are the far ends of paths: client groups first, then attackers, each in the scenario's order.
        var parties = new List<(string Name, AddressRange Range, bool IsGroup)>();
        foreach (var group in scenario.Clients)
            foreach (var range in group.Addresses.Ranges) parties.Add((group.Name, range, true));
        foreach (var attacker in scenario.Attackers) parties.Add((attacker.Name, attacker.SpoofedFrom, false));

        var routes = new List<Route>();
        var routeOfParty = new int[parties.Count * servers.Count];
        for (int p = 0; p < parties.Count; p++)
            for (int s = 0; s < servers.Count; s++)
            {
                // a group's later runs share its routes
                int earlier = parties.FindIndex(x => x.Name == parties[p].Name);
                if (earlier < p)
                {
                    routeOfParty[p * servers.Count + s] = routeOfParty[earlier * servers.Count + s];
                    continue;
                }
                var spec = FindPath(scenario.Paths, parties[p].Name, servers[s].Name);
                routeOfParty[p * servers.Count + s] = spec is null ? -1 : routes.Count;
                if (spec is null) continue;
                var faults = FaultsOn(scenario.Faults, parties[p].Name, servers[s].Name);
                routes.Add(new Route(new CompiledPath(spec), faults));
            }
        _routes = [.. routes];

        _starts = Boundaries(servers, parties);
        _blocks = new AddressBlock[_starts.Length];
        _routeOf = new int[_starts.Length * servers.Count];
        var shared = new List<int[]>();
        for (int b = 0; b < _starts.Length; b++)
        {
            uint address = _starts[b];
            var here = new List<int>();
            for (int s = 0; s < servers.Count; s++)
                if (servers[s].Address == address) here.Add(s);
            if (here.Count > 1) shared.Add([.. here]);
            bool groupHere = parties.Exists(x => x.IsGroup && x.Range.Contains(address));
            _blocks[b] = new AddressBlock(here.Count > 0 ? here[0] : -1, here.Count > 1 ? shared.Count - 1 : -1,
                here.Count > 0 || groupHere);
            for (int s = 0; s < servers.Count; s++)
                _routeOf[b * servers.Count + s] = FarEnd(parties, routeOfParty, servers.Count, address, s);
        }
        _sharedServers = [.. shared];
    }

    // Groups come before attackers in `parties`, so the first holder with a path is a client group when one is.
    private static int FarEnd(List<(string Name, AddressRange Range, bool IsGroup)> parties, int[] routeOfParty,
        int serverCount, uint address, int server)
    {
        for (int p = 0; p < parties.Count; p++)
            if (parties[p].Range.Contains(address) && routeOfParty[p * serverCount + server] >= 0)
                return routeOfParty[p * serverCount + server];
        return -1;
    }

    // Every address where membership can change: each range's first address and the one after its last.
    private static uint[] Boundaries(IReadOnlyList<ServerSpec> servers,
        List<(string Name, AddressRange Range, bool IsGroup)> parties)
    {
        var starts = new SortedSet<uint> { 0 };
        void Add(uint first, uint last)
        {
            starts.Add(first);
            if (last != uint.MaxValue) starts.Add(last + 1);
        }
        foreach (var server in servers) Add(server.Address, server.Address);
        foreach (var party in parties) Add(party.Range.First, party.Range.Last);
        return [.. starts];
    }

    private static PathSpec? FindPath(IReadOnlyList<PathSpec> paths, string from, string to)
    {
        foreach (var path in paths)
            if (path.From == from && path.To == to) return path;
        return null;
    }

    // The faults that bear on the route between `party` and `server`, with the directions each takes. Names are
    // unique among servers, client groups and attackers, so a name says which kind it is.
    private static FaultRule[] FaultsOn(IReadOnlyList<FaultSpec> faults, string party, string server)
    {
        var rules = new List<FaultRule>();
        foreach (var fault in faults)
        {
            var directions = fault switch
            {
                FaultSpec.Drop d when d.Sender == party && d.Receiver == server => RouteDirections.ToServer,
                FaultSpec.Drop d when d.Sender == server && d.Receiver == party => RouteDirections.FromServer,
                FaultSpec.BlackHole h when h.Host == party || h.Host == server => RouteDirections.Both,
                FaultSpec.Partition x when (x.One == party && x.Other == server)
                                           || (x.One == server && x.Other == party) => RouteDirections.Both,
                _ => RouteDirections.None,
            };
            if (directions != RouteDirections.None)
                rules.Add(new FaultRule(Ns(fault.From), Ns(fault.Until), directions, fault as FaultSpec.Drop));
        }
        return [.. rules];
    }

    private static long Ns(TimeSpan span) => span.Ticks * TimeSpan.NanosecondsPerTick;
}
