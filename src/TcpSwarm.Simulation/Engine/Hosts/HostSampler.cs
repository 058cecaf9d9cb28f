using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's books and gauges between windows, as one <see cref="HostSample"/>.</summary>
internal sealed class HostSampler(uint address, Host host, HostBooks books, ServerApps servers, ClientApp client,
    EndpointSlots slots, EventWatches events)
{
    public HostSample Take()
    {
        var counters = new TcpExtCounters();
        counters.Add(books.Counters);
        counters.Add(host.Counters);
        var listeners = new List<ListenerSample>(servers.Roles.Count);
        long synReceived = 0;
        foreach (var role in servers.Roles)
        {
            var l = role.Listener;
            synReceived += l.SynQueueLength;
            listeners.Add(new ListenerSample(role.Index, role.Shard, l.SynQueueLength, l.SynQueueLimit,
                l.AcceptQueueLength, l.AcceptQueueLimit, l.Books.Admitted + l.Books.CookiesAdmitted, role.Accepted,
                Values(l.Counters)));
            counters.Add(l.Counters);
        }
        long ports = client.Role is { } c ? host.PortsInUse(c.Target.Address, c.Target.Port) : 0;
        return new HostSample(address, client.Role?.Group ?? -1, books.Attempts, books.Outcomes, books.Admitted,
            books.Accepted, (long[])books.States.Clone(), synReceived, host.TimeWait.Count, ports, Values(counters),
            listeners, books.SegmentsSent, books.SegmentsLost, books.Retransmissions, slots.Live, host.SocketCount)
        {
            HandshakeBuckets = books.Handshake.Snapshot(),
            SynReceivedBuckets = books.SynReceived.Snapshot(),
            LifetimeBuckets = books.Lifetime.Snapshot(),
            HandshakeSeconds = books.Handshake.SumSeconds,     // the sums let metrics export exact histograms
            SynReceivedSeconds = books.SynReceived.SumSeconds,
            LifetimeSeconds = books.Lifetime.SumSeconds,
            SentByKind = (long[])books.SentByKind.Clone(),
            HandshakeSketch = books.HandshakeSketch.Snapshot(),
            HandshakeMaxNs = books.HandshakeSketch.MaxNanoseconds,
            LifetimeSketch = books.LifetimeSketch.Snapshot(),
            LifetimeMaxNs = books.LifetimeSketch.MaxNanoseconds,
            Events = events.Snapshot(),
        };
    }

    private static long[] Values(TcpExtCounters c)
    {
        var values = new long[TcpExtCounters.Count];
        for (int i = 0; i < values.Length; i++) values[i] = c[(TcpExt)i];
        return values;
    }
}
