using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Adds up the hosts' books into summary.json's figures: per client group, per server, per attacker.</summary>
/// <remarks>Peaks are the largest value seen at a sampling instant (every sample_interval of virtual time).</remarks>
public static class RunSummaryBuilder
{
    private static readonly string[] CounterNames = Enum.GetNames<TcpExt>();

    public static RunSummary Build(Scenario scenario, IReadOnlyList<RunSample> samples)
    {
        var last = samples[^1];
        var clients = new List<ClientSummary>();
        for (int g = 0; g < scenario.Clients.Count; g++) clients.Add(Client(scenario, samples, g));
        var servers = new List<ServerSummary>();
        for (int s = 0; s < scenario.Servers.Count; s++) servers.Add(Server(scenario, samples, s));
        var attackers = new List<AttackerSummary>();
        for (int a = 0; a < scenario.Attackers.Count; a++)
            attackers.Add(new AttackerSummary(scenario.Attackers[a].Name, scenario.Attackers[a].Target,
                last.Attackers[a].SpoofedSyns, last.Attackers[a].Lost));
        var outcomes = Outcomes.None;
        foreach (var c in clients) outcomes += c.Outcomes;
        var everyGroup = last.Hosts.Where(h => h.ClientGroup >= 0).ToList();
        return new RunSummary(scenario.Name, scenario.Seed, scenario.Profile.Name, last.VirtualTime.TotalSeconds,
            clients.Sum(c => c.Attempts), outcomes, servers, clients, attackers)
        {
            Handshake = RunFigures.Handshake(everyGroup),
            Lifetime = RunFigures.Lifetime(everyGroup),
            Events = RunFigures.Events(scenario, last.Hosts),
        };
    }

    private static ClientSummary Client(Scenario scenario, IReadOnlyList<RunSample> samples, int group)
    {
        var spec = scenario.Clients[group];
        var hosts = samples[^1].Hosts.Where(h => h.ClientGroup == group).ToList();
        var outcomes = Outcomes.None;
        var counters = new long[CounterNames.Length];
        foreach (var h in hosts)
        {
            outcomes += h.Outcomes;
            Add(counters, h.Counters);
        }
        long peakTw = samples.Max(s => s.Hosts.Where(h => h.ClientGroup == group).Sum(h => h.TimeWait));
        long peakPorts = samples.Max(s => s.Hosts.Where(h => h.ClientGroup == group).Sum(h => h.PortsInUse));
        return new ClientSummary(spec.Name, spec.Target, hosts.Sum(h => h.Attempts), outcomes, peakTw, peakPorts,
            Named(counters))
        {
            Handshake = RunFigures.Handshake(hosts),
            Lifetime = RunFigures.Lifetime(hosts),
        };
    }

    private static ServerSummary Server(Scenario scenario, IReadOnlyList<RunSample> samples, int server)
    {
        var spec = scenario.Servers[server];
        var host = samples[^1].Hosts.First(h => h.Host == spec.Address);
        var shards = host.Listeners.Where(l => l.Server == server).ToList();
        // A host's own counters (TIME_WAIT, its endpoints') go to its server when it has only one.
        bool alone = host.Listeners.All(l => l.Server == server);
        var counters = new long[CounterNames.Length];
        if (alone) Add(counters, host.Counters);
        else foreach (var shard in shards) Add(counters, shard.Counters);
        int peakSyn = samples.Max(s => Shards(s, spec.Address, server).Sum(l => l.SynQueue));
        int peakAccept = samples.Max(s => Shards(s, spec.Address, server).Sum(l => l.AcceptQueue));
        long peakTw = samples.Max(s => s.Hosts.First(h => h.Host == spec.Address).TimeWait);
        var listenerCounters = new long[CounterNames.Length];
        foreach (var shard in shards) Add(listenerCounters, shard.Counters);
        var groups = samples[^1].Hosts.Where(h => h.ClientGroup >= 0
            && scenario.Clients[h.ClientGroup].Target == spec.Name).ToList();
        return new ServerSummary(spec.Name, shards.Sum(l => l.Admitted), shards.Sum(l => l.Accepted), peakSyn,
            shards.Sum(l => l.SynQueueLimit), peakAccept, shards.Sum(l => l.AcceptQueueLimit), peakTw, Named(counters))
        {
            SynQueueEffectiveLimit = shards.Sum(l => EffectiveSynQueueLimit(scenario.Profile, l.SynQueueLimit)),
            Drops = ListenDrops.Of(listenerCounters),
            CookiesSent = listenerCounters[(int)TcpExt.SyncookiesSent],
            Handshake = RunFigures.Handshake(groups),
            Lifetime = RunFigures.Lifetime(alone ? [host] : groups),
        };
    }

    /// <summary>The SYN queue's limit for a peer not proven alive (tcp_conn_request): with tcp_syncookies 0 a request
    /// is dropped when tcp_max_syn_backlog - qlen &lt; tcp_max_syn_backlog &gt;&gt; 2, so the queue takes unknown
    /// peers up to tcp_max_syn_backlog - tcp_max_syn_backlog/4 + 1 entries (769 of 1,025 for 1,024).</summary>
    public static int EffectiveSynQueueLimit(TcpProfile profile, int limit)
    {
        if (profile.TcpSyncookies != 0) return limit;
        int max = profile.TcpMaxSynBacklog;
        return Math.Min(limit, max - (max >> 2) + 1);
    }

    // The server's listening sockets: one, or one per SO_REUSEPORT shard; queues and limits add up across them.
    private static IEnumerable<ListenerSample> Shards(RunSample s, uint address, int server) =>
        s.Hosts.First(h => h.Host == address).Listeners.Where(l => l.Server == server);

    private static void Add(long[] total, long[] more)
    {
        for (int i = 0; i < total.Length; i++) total[i] += more[i];
    }

    // Non-zero counters only, in ordinal order of their nstat names, so the file is stable and short.
    private static IReadOnlyList<KeyValuePair<string, long>> Named(long[] counters)
    {
        var list = new List<KeyValuePair<string, long>>();
        for (int i = 0; i < counters.Length; i++)
            if (counters[i] != 0) list.Add(new(CounterNames[i], counters[i]));
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }
}
