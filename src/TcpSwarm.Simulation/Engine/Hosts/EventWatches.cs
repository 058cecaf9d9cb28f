using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The run events seen on a host (docs/outputs.md): for each kind and place, the total it follows, and when
/// that total first and last moved.</summary>
internal sealed class EventWatches(Scenario scenario, Host host, HostBooks books, ServerApps servers, ClientApp client)
{
    private EventWatch[]? _watches;

    /// <summary>A step that can move a watched total happened since the last check.</summary>
    public bool Moved { get; set; }

    // After each event (and each round of endpoints) at `at`: which of the watched totals moved, and when.
    public void Check(Instant at)
    {
        Moved = false;
        foreach (var w in Watches()) w.Check(at);
    }

    /// <summary>(kind, where, first ns, last ns, count) per event seen on this host, flattened for the
    /// sample.</summary>
    public long[] Snapshot()
    {
        var flat = new List<long>();
        foreach (var w in Watches())
            if (w.Count > 0) flat.AddRange([(long)w.Kind, w.Where, w.FirstNs, w.LastNs, w.Count]);
        return [.. flat];
    }

    private EventWatch[] Watches() => _watches ??= Build();

    private EventWatch[] Build()
    {
        var list = new List<EventWatch>();
        bool cookiesAlways = scenario.Profile.TcpSyncookies == 2;
        var roles = servers.Roles;
        int group = client.Role?.Group ?? -1;
        foreach (int server in roles.Select(r => r.Index).Distinct())
        {
            var shards = roles.Where(r => r.Index == server).Select(r => r.Listener).ToArray();
            // The SYN queue refused a SYN: full (with or without cookies), or its last quarter kept from an unproven
            // peer (what ListenDrops holds beyond the overflows and full-queue drops).
            list.Add(new EventWatch(RunEventKind.SynQueueOverflow, server, () => Sum(shards, TcpExt.ListenDrops)
                - Sum(shards, TcpExt.ListenOverflows)
                + (cookiesAlways ? 0 : Sum(shards, TcpExt.TCPReqQFullDoCookies))));
            list.Add(new EventWatch(RunEventKind.SyncookiesSent, server, () => Sum(shards, TcpExt.SyncookiesSent)));
            list.Add(new EventWatch(RunEventKind.AcceptQueueOverflow, server,
                () => Sum(shards, TcpExt.ListenOverflows)));
        }
        int here = roles.Count > 0 ? roles[0].Index : -1 - group;
        if (client.Role is not null)
            list.Add(new EventWatch(RunEventKind.PortExhausted, -1 - group, () => books.PortExhausted));
        list.Add(new EventWatch(RunEventKind.TwBucketOverflow, here,
            () => host.Counters[TcpExt.TCPTimeWaitOverflow] + books.Counters[TcpExt.TCPTimeWaitOverflow]));
        return [.. list];
    }

    private static long Sum(Listener[] shards, TcpExt counter)
    {
        long total = 0;
        foreach (var l in shards) total += l.Counters[counter];
        return total;
    }

    // One event kind at one place of this host: the total it follows, the last total seen, and when it moved.
    private sealed class EventWatch(RunEventKind kind, int where, Func<long> total)
    {
        public readonly RunEventKind Kind = kind;
        public readonly int Where = where;                // a server's index, or -1 - a client group's
        public long Seen, Count, FirstNs = -1, LastNs = -1;

        public void Check(Instant at)
        {
            long now = total();
            if (now == Seen) return;
            if (FirstNs < 0) FirstNs = at.Nanoseconds;
            LastNs = at.Nanoseconds;
            Count += now - Seen;
            Seen = now;
        }
    }
}
