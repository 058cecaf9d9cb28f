using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's books and gauges at a sampling instant, as plain totals the clock can add up.</summary>
/// <param name="States">Full sockets per RFC 9293 state (indexed by TcpState); TIME_WAIT and requests are
/// apart.</param>
/// <param name="FullSockets">Full sockets the host's demultiplexer lists: what the States must add up to.</param>
/// <param name="Counters">Every TcpExt counter of the host: its tables', its listeners' and its endpoints'.</param>
public sealed record HostSample(
    uint Host, int ClientGroup, long Attempts, Outcomes Outcomes, long Admitted, long Accepted, long[] States,
    long SynReceived, long TimeWait, long PortsInUse, long[] Counters, IReadOnlyList<ListenerSample> Listeners,
    long SegmentsSent, long SegmentsLost, long Retransmissions, int LiveEndpoints, int FullSockets)
{
    /// <summary>Bucket counts (<see cref="DurationHistogram.Bounds"/>): connect() to ESTABLISHED on this host's
    /// clients.</summary>
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

    /// <summary>The handshakes of <see cref="HandshakeBuckets"/> in a <see cref="DurationSketch"/>: (index, count)
    /// pairs, flattened, in index order.</summary>
    public long[] HandshakeSketch { get; init; } = [];

    /// <summary>The longest handshake counted, in ns.</summary>
    public long HandshakeMaxNs { get; init; }

    /// <summary>The lifetimes of <see cref="LifetimeBuckets"/> in a <see cref="DurationSketch"/>, as
    /// <see cref="HandshakeSketch"/>.</summary>
    public long[] LifetimeSketch { get; init; } = [];

    /// <summary>The longest lifetime counted, in ns.</summary>
    public long LifetimeMaxNs { get; init; }

    /// <summary>Events seen on this host as (<see cref="RunEventKind"/>, where, first ns, last ns, count), flattened;
    /// where is a server's index, or -1 minus a client group's.</summary>
    public long[] Events { get; init; } = [];
}
