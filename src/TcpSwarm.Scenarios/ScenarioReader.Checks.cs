using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios;

// Checks across fields, once everything is read: unique names, address:port, targets, paths, fault names, --set.
internal sealed partial class ScenarioReader
{
    // Whether every server (and every client group and attacker) was read with its name: only then is a name that
    // matches none of them a mistake of its own, rather than the echo of one already reported.
    private bool AllServersNamed =>
        !_serversWrongType && _servers.Count == _serverItems && _servers.TrueForAll(s => s.Name is not null);

    private bool AllSourcesNamed =>
        !_clientsWrongType && _clients.Count == _clientItems && _clients.TrueForAll(c => c.Name is not null)
        && !_attackersWrongType && _attackers.Count == _attackerItems && _attackers.TrueForAll(a => a.Name is not null);

    private void CheckReferences(Fields top)
    {
        CheckUniqueNames();
        CheckEndpoints();
        var servers = _servers.Where(s => s.Name is not null).Select(s => s.Name!).ToList();
        var sources = _clients.Where(c => c.Name is not null).Select(c => c.Name!)
            .Concat(_attackers.Where(a => a.Name is not null).Select(a => a.Name!)).ToList();
        var groups = _clients.Where(c => c.Name is not null).Select(c => c.Name!).ToList();

        foreach (var c in _clients) CheckTarget(c.Target, c.TargetAt, c.TargetField, servers);
        foreach (var a in _attackers) CheckTarget(a.Target, a.TargetAt, a.TargetField, servers);

        if (_clientItems == 0 && _attackerItems == 0 && !_clientsWrongType && !_attackersWrongType)
            Problem(top.InFile("clients") ? top.ValueAt("clients") : top.At, "clients",
                "no client groups and no attackers: nothing would connect; add a client group "
                + "(- { name: browsers, addresses: 10.0.0.0/24, target: web, arrivals: { poisson: 100/s } }) "
                + "or an attacker");

        CheckPaths(servers, sources);
        var everything = servers.Concat(sources).ToList();
        foreach (var fault in _faultNames)
        {
            foreach (var (name, at) in fault.Names)
                if (!everything.Contains(name) && AllServersNamed && AllSourcesNamed)
                    Problem(at, fault.Field,
                        $"'{name}' names no server, client group or attacker{Choices(name, everything)}");
            if (fault.IsDrop && fault.Names.All(n => everything.Contains(n.Name)))
            {
                var (from, fromAt) = fault.Names[0];
                var to = fault.Names[1].Name;
                bool outbound = sources.Contains(from) && servers.Contains(to);
                bool inbound = servers.Contains(from) && groups.Contains(to);
                if (!outbound && !inbound)
                    Problem(fromAt, fault.Field,
                        $"no segments go from {from} to {to}; a drop goes from a client group or attacker "
                                                 + "to a server, or from a server to a client group");
            }
        }
    }

    private void CheckUniqueNames()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = _servers.Select(s => (s.Name, s.NameAt, s.Field))
            .Concat(_clients.Select(c => (c.Name, c.NameAt, c.Field)))
            .Concat(_attackers.Select(a => (a.Name, a.NameAt, a.Field)))
            .Where(x => x.Name is not null)
            .OrderBy(x => x.NameAt.Line).ThenBy(x => x.NameAt.Column);
        foreach (var (name, at, field) in all)
        {
            if (seen.TryGetValue(name!, out var first))
                Problem(at, field + ".name",
                    $"'{name}' is already the name of {first}; names are unique among servers, clients and attackers");
            else
                seen[name!] = field;
        }
    }

    private void CheckEndpoints()
    {
        var seen = new Dictionary<(uint, ushort), ServerRead>();
        foreach (var s in _servers.Where(s => s.EndpointOk))
        {
            if (seen.TryGetValue((s.Spec.Address, s.Spec.Port), out var first))
                Problem(s.PortAt, s.Field + ".port",
                    $"{Ipv4.Format(s.Spec.Address)}:{s.Spec.Port} is already {first.Field}'s ({first.Name}); "
                    + "give each server its own address:port (for shards of one listener, use reuseport)");
            else
                seen[(s.Spec.Address, s.Spec.Port)] = s;
        }
    }

    private void CheckTarget(string? target, Spot at, string field, List<string> servers)
    {
        if (target is null || servers.Contains(target) || !AllServersNamed) return;
        Problem(at, field, $"'{target}' names no server{Choices(target, servers)}");
    }

    private void CheckPaths(List<string> servers, List<string> sources)
    {
        var joined = new Dictionary<(string, string), string>();
        var dangling = new List<(string? From, string? To)>();   // ends that name nothing known (null: unreadable)
        foreach (var p in _paths)
        {
            bool fromOk = p.From is not null && sources.Contains(p.From);
            bool toOk = p.To is not null && servers.Contains(p.To);
            if (!fromOk || !toOk) dangling.Add((fromOk ? p.From : null, toOk ? p.To : null));
            if (p.From is null || p.To is null) continue;
            if (!fromOk && AllSourcesNamed)
                Problem(p.FromAt, p.Field + ".from", servers.Contains(p.From)
                    ? $"'{p.From}' is a server; a path goes from a client group or attacker to a server "
                      + "(swap from and to)"
                    : $"'{p.From}' names no client group or attacker{Choices(p.From, sources)}");
            if (!toOk && AllServersNamed)
                Problem(p.ToAt, p.Field + ".to", sources.Contains(p.To)
                    ? $"'{p.To}' is a client group or attacker; a path goes to a server (swap from and to)"
                    : $"'{p.To}' names no server{Choices(p.To, servers)}");
            if (!fromOk || !toOk) continue;
            if (joined.TryGetValue((p.From, p.To), out var first))
                Problem(p.FromAt, p.Field, $"a second path from {p.From} to {p.To}; {first} already joins them");
            else
                joined[(p.From, p.To)] = p.Field;
        }
        var needed = _clients.Select(c => (c.Name, c.Target, c.TargetAt))
            .Concat(_attackers.Select(a => (a.Name, a.Target, a.TargetAt))).ToList();
        foreach (var p in _paths)
            if (p.From is not null && p.To is not null && joined.GetValueOrDefault((p.From, p.To)) == p.Field
                && !needed.Exists(n => n.Name == p.From && n.Target == p.To))
                Note(p.ToAt, p.Field, $"{p.From} does not target {p.To}: this path carries nothing");
        foreach (var (name, target, at) in needed)
        {
            if (name is null || target is null || !servers.Contains(target) || joined.ContainsKey((name, target)))
                continue;
            if (dangling.Exists(d => (d.From is null || d.From == name) && (d.To is null || d.To == target))) continue;
            Problem(at,
                "paths", $"no path from {name} to {target}; "
                         + $"add one: - {{ from: {name}, to: {target}, latency: {{ fixed: 10ms }} }}");
        }
    }

    private void ReportUntakenOverrides()
    {
        foreach (var (key, _) in Overrides.Untaken())
        {
            var at = new Spot(OverrideTable.File, 0, 0);
            if (key.Length == 0)
            {
                Problem(at, key, "no key; use --set KEY=VALUE");
                continue;
            }
            var parts = key.Split('.');
            var lists = new Dictionary<string, (string Kind, IEnumerable<string?> Names)>
            {
                ["servers"] = ("server", _servers.Select(s => s.Name)),
                ["clients"] = ("client group", _clients.Select(c => c.Name)),
                ["attackers"] = ("attacker", _attackers.Select(a => a.Name)),
            };
            if (parts.Length >= 3 && lists.TryGetValue(parts[0], out var list))
            {
                var names = list.Names.Where(n => n is not null).Select(n => n!).ToList();
                if (!names.Contains(parts[1]))
                {
                    Problem(at, key, $"no {list.Kind} named '{parts[1]}'{Choices(parts[1], names)}");
                    continue;
                }
            }
            var near = NearMiss.Find(key, Overrides.Asked);
            Problem(at, key, near is not null
                ? $"not a field --set can change in this scenario; did you mean '{near}'?"
                : "not a field --set can change in this scenario; use a sysctl name, a top-level key (seed, duration, "
                  + "profile, time_wait, sample_interval, speed) or servers.NAME.FIELD, clients.NAME.FIELD, "
                  + "attackers.NAME.FIELD");
        }
    }

    private (Spot At, string Field) WhereIsLargest(string name)
    {
        if (_clients.Find(c => c.Name == name) is { } c) return (c.ArrivalsAt, c.Field + ".arrivals");
        if (_servers.Find(s => s.Name == name) is { } s) return (s.NameAt, s.Field);
        if (_attackers.Find(a => a.Name == name) is { } a) return (a.NameAt, a.Field);
        return (new Spot(_file, 1, 1), "servers");
    }

    // "; use one of: a, b" with a near miss first when there is one.
    private static string Choices(string name, IReadOnlyList<string> names)
    {
        if (names.Count == 0) return "";
        var near = NearMiss.Find(name, names);
        return near is not null ? $"; did you mean '{near}'?" : $"; use one of: {string.Join(", ", names)}";
    }
}
