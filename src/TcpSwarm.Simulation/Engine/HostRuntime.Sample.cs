using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class HostRuntime
{
    /// <summary>This host's books and gauges now, between windows.</summary>
    public HostSample Sample()
    {
        var counters = new TcpExtCounters();
        counters.Add(Books.Counters);
        counters.Add(_host.Counters);
        var listeners = new List<ListenerSample>(_servers.Count);
        long synReceived = 0;
        foreach (var role in _servers)
        {
            var l = role.Listener;
            synReceived += l.SynQueueLength;
            listeners.Add(new ListenerSample(role.Index, role.Shard, l.SynQueueLength, l.SynQueueLimit, l.AcceptQueueLength,
                l.AcceptQueueLimit, l.Books.Admitted + l.Books.CookiesAdmitted, role.Accepted, Values(l.Counters)));
            counters.Add(l.Counters);
        }
        long ports = _client is { } c ? _host.PortsInUse(c.Target.Address, c.Target.Port) : 0;
        return new HostSample(Address, ClientGroup, Books.Attempts, Books.Outcomes, Books.Admitted, Books.Accepted,
            (long[])Books.States.Clone(), synReceived, _host.TimeWait.Count, ports, Values(counters), listeners,
            Books.SegmentsSent, Books.SegmentsLost, Books.Retransmissions, _slotByTuple.Count, _host.SocketCount)
        {
            HandshakeBuckets = Books.Handshake.Snapshot(),
            SynReceivedBuckets = Books.SynReceived.Snapshot(),
            LifetimeBuckets = Books.Lifetime.Snapshot(),
            HandshakeSeconds = Books.Handshake.SumSeconds,     // the sums let metrics export exact histograms
            SynReceivedSeconds = Books.SynReceived.SumSeconds,
            LifetimeSeconds = Books.Lifetime.SumSeconds,
            SentByKind = (long[])Books.SentByKind.Clone(),
            HandshakeSketch = Books.HandshakeSketch.Snapshot(),
            HandshakeMaxNs = Books.HandshakeSketch.MaxNanoseconds,
            LifetimeSketch = Books.LifetimeSketch.Snapshot(),
            LifetimeMaxNs = Books.LifetimeSketch.MaxNanoseconds,
            Events = EventsSnapshot(),
        };
    }

    private static long[] Values(TcpExtCounters c)
    {
        var values = new long[TcpExtCounters.Count];
        for (int i = 0; i < values.Length; i++) values[i] = c[(TcpExt)i];
        return values;
    }
}
