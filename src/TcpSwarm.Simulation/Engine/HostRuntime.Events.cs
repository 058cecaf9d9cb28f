using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class HostRuntime
{
    private EventWatch[]? _watches;
    private bool _eventsMoved;                          // a step that can move a watched total happened since a check

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

    private EventWatch[] Watches() => _watches ??= BuildWatches();

    private EventWatch[] BuildWatches()
    {
        var list = new List<EventWatch>();
        bool cookiesAlways = _scenario.Profile.TcpSyncookies == 2;
        foreach (int server in _servers.Select(r => r.Index).Distinct())
        {
            var shards = _servers.Where(r => r.Index == server).Select(r => r.Listener).ToArray();
            // The SYN queue refused a SYN: full (with or without cookies), or its last quarter kept from an unproven
            // peer (what ListenDrops holds beyond the overflows and full-queue drops).
            list.Add(new EventWatch(RunEventKind.SynQueueOverflow, server, () => Sum(shards, TcpExt.ListenDrops)
                - Sum(shards, TcpExt.ListenOverflows)
                + (cookiesAlways ? 0 : Sum(shards, TcpExt.TCPReqQFullDoCookies))));
            list.Add(new EventWatch(RunEventKind.SyncookiesSent, server, () => Sum(shards, TcpExt.SyncookiesSent)));
            list.Add(new EventWatch(RunEventKind.AcceptQueueOverflow, server,
                () => Sum(shards, TcpExt.ListenOverflows)));
        }
        int here = _servers.Count > 0 ? _servers[0].Index : -1 - ClientGroup;
        if (_client is not null)
            list.Add(new EventWatch(RunEventKind.PortExhausted, -1 - ClientGroup, () => Books.PortExhausted));
        list.Add(new EventWatch(RunEventKind.TwBucketOverflow, here,
            () => _host.Counters[TcpExt.TCPTimeWaitOverflow] + Books.Counters[TcpExt.TCPTimeWaitOverflow]));
        return [.. list];
    }

    private static long Sum(Listener[] shards, TcpExt counter)
    {
        long total = 0;
        foreach (var l in shards) total += l.Counters[counter];
        return total;
    }

    // After each event (and each round of endpoints) at `at`: which of the watched totals moved, and when.
    private void CheckEvents(Instant at)
    {
        _eventsMoved = false;
        foreach (var w in Watches()) w.Check(at);
    }

    // (kind, where, first ns, last ns, count) per event seen on this host, flattened for the sample.
    private long[] EventsSnapshot()
    {
        var flat = new List<long>();
        foreach (var w in Watches())
            if (w.Count > 0) flat.AddRange([(long)w.Kind, w.Where, w.FirstNs, w.LastNs, w.Count]);
        return [.. flat];
    }
}
