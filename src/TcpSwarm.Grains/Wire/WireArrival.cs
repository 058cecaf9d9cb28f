namespace TcpSwarm.Grains.Wire;

/// <summary>One segment due at a host of another silo: where, when (ns), and the sender's order key.</summary>
[GenerateSerializer, Immutable, OmitDefaultMemberValues, Alias("TcpSwarm.Arrival")]
public readonly record struct WireArrival(
    [property: Id(0)] uint To, [property: Id(1)] long AtNanoseconds, [property: Id(2)] ulong Source,
    [property: Id(3)] long Seq, [property: Id(4)] SegmentSurrogate Segment);
