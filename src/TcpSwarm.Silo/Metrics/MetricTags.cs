using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace TcpSwarm.Silo.Metrics;

/// <summary>Every attribute set one scenario's measurements carry, built once so that recording never allocates one.
/// </summary>
/// <remarks>
/// Attributes name scenario objects only, never an address, a port or a 4-tuple (STYLE.md (e)). A host belongs to an
/// "owner": a client host to its group (client group and target), a server host to its servers (their names, joined
/// by '+' when several listen on one address). Listeners are (server, shard).
/// </remarks>
internal sealed class MetricTags
{
    /// <summary>connect()'s errno for the four failed outcome buckets, in Outcomes' order after Completed.</summary>
    public static readonly string[] Errnos = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EADDRNOTAVAIL"];

    private static readonly string[] CounterNames = Enum.GetNames<TcpExt>();
    private readonly Dictionary<uint, int> _serverHosts = [];
    private readonly int[] _listenerStart;

    public MetricTags(Scenario scenario)
    {
        Scenario = scenario;
        ClientCount = scenario.Clients.Count;
        var owners = new List<Tag[]>();
        foreach (var c in scenario.Clients)
            owners.Add([new("tcpswarm.client.group", c.Name), new("tcpswarm.target.name", c.Target)]);
        foreach (var s in scenario.Servers)
        {
            if (_serverHosts.TryGetValue(s.Address, out int existing))
            {
                var joined = (string)owners[existing][0].Value! + "+" + s.Name;
                owners[existing] = [new("tcpswarm.server.name", joined)];
                continue;
            }
            _serverHosts.Add(s.Address, owners.Count);
            owners.Add([new("tcpswarm.server.name", s.Name)]);
        }
        Owner = [.. owners];
        OwnerState = Array.ConvertAll(Owner,
            o => TimeSeriesTable.StateNames.Select(s => With(o, "network.connection.state", s)).ToArray());
        OwnerCounter = Array.ConvertAll(Owner,
            o => Array.ConvertAll(CounterNames, r => With(o, "tcpswarm.counter.name", r)));
        OwnerError = Array.ConvertAll(Owner, o => Array.ConvertAll(Errnos, e => With(o, "error.type", e)));
        OwnerSegments = new Tag[Owner.Length][];
        OwnerSegmentKinds = new Tag[Owner.Length][][];
        for (int o = 0; o < Owner.Length; o++)
        {
            OwnerSegments[o] = With(Owner[o], "tcpswarm.segment.direction",
                o < ClientCount ? "to_server" : "to_client");
            var segments = OwnerSegments[o];
            OwnerSegmentKinds[o] = [.. SegmentKindTable.Names.Select(k => With(segments, "tcpswarm.segment.kind", k))];
        }

        Server = Array.ConvertAll([.. scenario.Servers], s => new Tag[] { new("tcpswarm.server.name", s.Name) });
        _listenerStart = new int[scenario.Servers.Count];
        var listeners = new List<Tag[]>();
        for (int s = 0; s < scenario.Servers.Count; s++)
        {
            _listenerStart[s] = listeners.Count;
            for (int shard = 0; shard < scenario.Servers[s].ReusePort; shard++)
                listeners.Add([Server[s][0], new("tcpswarm.server.shard", shard)]);
        }
        Listener = [.. listeners];
        ServerDrop = Array.ConvertAll(Server,
            t => Array.ConvertAll(RunProgressBuilder.DropReasons, r => With(t, "tcpswarm.drop.reason", r)));
        var events = Enum.GetValues<RunEventKind>();
        ServerEvent = Array.ConvertAll(Server, t => Array.ConvertAll(events, k => With(t, "tcpswarm.event", Name(k))));
        ClientEvent = Array.ConvertAll(Owner[..ClientCount],
            t => Array.ConvertAll(events, k => With(t, "tcpswarm.event", Name(k))));
        ListenerCounter = Array.ConvertAll(Listener,
            l => Array.ConvertAll(CounterNames, r => With(l, "tcpswarm.counter.name", r)));
        Attacker = Array.ConvertAll([.. scenario.Attackers], a => new Tag[]
        {
            new("tcpswarm.attacker.name", a.Name), new("tcpswarm.target.name", a.Target),
        });
        TimeWaitLimitPerHost = new long[Owner.Length];
        PortLimitPerHost = new long[Owner.Length];
        var profile = scenario.Profile;
        for (int o = 0; o < Owner.Length; o++)
        {
            TimeWaitLimitPerHost[o] = profile.TcpMaxTwBuckets;
            if (o < ClientCount) PortLimitPerHost[o] = profile.EphemeralPortCount;
        }
    }

    public Scenario Scenario { get; }

    /// <summary>Owners 0 to ClientCount − 1 are the client groups, in scenario order; server hosts follow.</summary>
    public int ClientCount { get; }

    public Tag[][] Owner { get; }
    public Tag[][][] OwnerState { get; }
    public Tag[][][] OwnerCounter { get; }
    public Tag[][][] OwnerError { get; }
    public Tag[][] OwnerSegments { get; }
    /// <summary>Per owner, per <see cref="SegmentKind"/>: the owner's direction and the kind.</summary>
    public Tag[][][] OwnerSegmentKinds { get; }
    public Tag[][] Server { get; }
    public Tag[][] Listener { get; }
    public Tag[][][] ListenerCounter { get; }
    public Tag[][] Attacker { get; }

    /// <summary>Per server, per reason of <see cref="RunProgressBuilder.DropReasons"/>.</summary>
    public Tag[][][] ServerDrop { get; }

    /// <summary>Per server, per <see cref="RunEventKind"/>: the server and the event's summary.json name.</summary>
    public Tag[][][] ServerEvent { get; }

    /// <summary>Per client group, per <see cref="RunEventKind"/>: the group, its target and the event.</summary>
    public Tag[][][] ClientEvent { get; }

    /// <summary>The attributes of an event where <paramref name="where"/> is a server's index or -1 minus a client
    /// group's (<see cref="HostSample.Events"/>).</summary>
    public Tag[] EventAt(long kind, long where) =>
        where >= 0 ? ServerEvent[where][kind] : ClientEvent[-1 - where][kind];

    /// <summary>tcp_max_tw_buckets: a host's TIME_WAIT table holds no more.</summary>
    public long[] TimeWaitLimitPerHost { get; }

    /// <summary>ip_local_port_range's ports per destination: a client host's connect()s to its target share them.
    /// </summary>
    public long[] PortLimitPerHost { get; }

    public int OwnerOf(HostSample host) => host.ClientGroup >= 0 ? host.ClientGroup : _serverHosts[host.Host];

    public int ListenerOf(ListenerSample listener) => _listenerStart[listener.Server] + listener.Shard;

    /// <summary>The server of listener <paramref name="listener"/> (an index into <see cref="Listener"/>).</summary>
    public int ServerOf(int listener)
    {
        int s = Array.BinarySearch(_listenerStart, listener);
        if (s >= 0) return s;
        return ~s - 1;
    }

    private static string Name(RunEventKind kind) => RunEventNames.Of(kind);

    private static Tag[] With(Tag[] tags, string key, object value) => [.. tags, new Tag(key, value)];
}
