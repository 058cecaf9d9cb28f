using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>A traced segment between silos.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.TraceRecord")]
public readonly record struct TraceRecordSurrogate(
    [property: Id(0)] Instant At, [property: Id(1)] uint Host, [property: Id(2)] bool Sent,
    [property: Id(3)] Segment Segment);

/// <summary>Converts a <see cref="TraceRecord"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class TraceRecordConverter : IConverter<TraceRecord, TraceRecordSurrogate>
{
    public TraceRecord ConvertFromSurrogate(in TraceRecordSurrogate s) =>
        new(s.At, s.Host, s.Sent, s.Segment);

    public TraceRecordSurrogate ConvertToSurrogate(in TraceRecord r) =>
        new(r.At, r.Host, r.Sent, r.Segment);
}
