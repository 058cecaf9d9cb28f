using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's books and gauges at a sampling instant, as plain totals the scheduler can add up.</summary>
/// <param name="States">Full sockets per RFC 9293 state (indexed by TcpState); TIME_WAIT and requests are apart.</param>
/// <param name="FullSockets">Full sockets the host's demultiplexer lists: what the States must add up to.</param>
/// <param name="Counters">Every TcpExt counter of the host: its tables', its listeners' and its endpoints'.</param>
public sealed record HostSample(
    uint Host, int ClientGroup, long Attempts, Outcomes Outcomes, long Admitted, long Accepted, long[] States,
    long SynReceived, long TimeWait, long PortsInUse, long[] Counters, IReadOnlyList<ListenerSample> Listeners,
    long SegmentsSent, long SegmentsLost, long Retransmissions, int LiveEndpoints, int FullSockets)
{
    /// <summary>Bucket counts (<see cref="DurationHistogram.Bounds"/>): connect() to ESTABLISHED on this host's clients.</summary>
    public long[] HandshakeBuckets { get; init; } = [];

    /// <summary>Bucket counts: time request entries spent in this host's SYN queues.</summary>
    public long[] SynReceivedBuckets { get; init; } = [];

    /// <summary>Bucket counts: lifetimes of the connections that ended on this host.</summary>
    public long[] LifetimeBuckets { get; init; } = [];

    /// <summary>The sum, in seconds, of the durations counted in <see cref="HandshakeBuckets"/>.</summary>
    public double HandshakeSeconds { get; init; }

    /// <summary>The sum, in seconds, of the durations counted in <see cref="SynReceivedBuckets"/>.</summary>
    public double SynReceivedSeconds { get; init; }

    /// <summary>The sum, in seconds, of the durations counted in <see cref="LifetimeBuckets"/>.</summary>
    public double LifetimeSeconds { get; init; }

    /// <summary>Segments this host sent, by <see cref="SegmentKind"/>; they add up to SegmentsSent.</summary>
    public long[] SentByKind { get; init; } = [];
}

/// <summary>One listener's queues and counters at a sampling instant.</summary>
public sealed record ListenerSample(int Server, int Shard, int SynQueue, int SynQueueLimit, int AcceptQueue, int AcceptQueueLimit,
    long Admitted, long Accepted, long[] Counters);
