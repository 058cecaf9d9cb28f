using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Grains.Wire;

/// <summary>A host's books at a sampling instant, between silos.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.HostSample")]
public readonly record struct HostSampleSurrogate(
    [property: Id(0)] uint Host, [property: Id(1)] int ClientGroup, [property: Id(2)] long Attempts,
    [property: Id(3)] Outcomes Outcomes, [property: Id(4)] long Admitted, [property: Id(5)] long Accepted,
    [property: Id(6)] long[] States, [property: Id(7)] long SynReceived, [property: Id(8)] long TimeWait,
    [property: Id(9)] long PortsInUse, [property: Id(10)] long[] Counters,
    [property: Id(11)] ListenerSample[] Listeners, [property: Id(12)] long SegmentsSent,
    [property: Id(13)] long SegmentsLost, [property: Id(14)] long Retransmissions, [property: Id(15)] int LiveEndpoints,
    [property: Id(16)] int FullSockets, [property: Id(17)] long[] HandshakeBuckets,
    [property: Id(18)] long[] SynReceivedBuckets, [property: Id(19)] long[] LifetimeBuckets,
    [property: Id(20)] double HandshakeSeconds, [property: Id(21)] double SynReceivedSeconds,
    [property: Id(22)] double LifetimeSeconds, [property: Id(23)] long[] SentByKind,
    [property: Id(24)] long[] HandshakeSketch, [property: Id(25)] long HandshakeMaxNs,
    [property: Id(26)] long[] LifetimeSketch, [property: Id(27)] long LifetimeMaxNs, [property: Id(28)] long[] Events);

/// <summary>Converts a <see cref="HostSample"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class HostSampleConverter : IConverter<HostSample, HostSampleSurrogate>
{
    public HostSample ConvertFromSurrogate(in HostSampleSurrogate s) => new(s.Host, s.ClientGroup, s.Attempts,
        s.Outcomes, s.Admitted, s.Accepted, s.States, s.SynReceived, s.TimeWait, s.PortsInUse, s.Counters, s.Listeners,
        s.SegmentsSent, s.SegmentsLost, s.Retransmissions, s.LiveEndpoints, s.FullSockets)
    {
        HandshakeBuckets = s.HandshakeBuckets,
        SynReceivedBuckets = s.SynReceivedBuckets,
        LifetimeBuckets = s.LifetimeBuckets,
        HandshakeSeconds = s.HandshakeSeconds,
        SynReceivedSeconds = s.SynReceivedSeconds,
        LifetimeSeconds = s.LifetimeSeconds,
        SentByKind = s.SentByKind,
        HandshakeSketch = s.HandshakeSketch,
        HandshakeMaxNs = s.HandshakeMaxNs,
        LifetimeSketch = s.LifetimeSketch,
        LifetimeMaxNs = s.LifetimeMaxNs,
        Events = s.Events,
    };

    public HostSampleSurrogate ConvertToSurrogate(in HostSample h) => new(h.Host, h.ClientGroup, h.Attempts,
        h.Outcomes, h.Admitted, h.Accepted, h.States, h.SynReceived, h.TimeWait, h.PortsInUse, h.Counters,
        [.. h.Listeners], h.SegmentsSent, h.SegmentsLost, h.Retransmissions, h.LiveEndpoints, h.FullSockets,
        h.HandshakeBuckets, h.SynReceivedBuckets, h.LifetimeBuckets, h.HandshakeSeconds, h.SynReceivedSeconds,
        h.LifetimeSeconds, h.SentByKind, h.HandshakeSketch, h.HandshakeMaxNs, h.LifetimeSketch, h.LifetimeMaxNs,
        h.Events);
}
