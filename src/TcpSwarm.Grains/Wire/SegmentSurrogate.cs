using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>A segment between silos: the header fields the model keeps, an absent option costing nothing.</summary>
/// <remarks>Addresses and ports ride in every segment, since a host's demultiplexer hears from many peers.</remarks>
[GenerateSerializer, Immutable, OmitDefaultMemberValues, Alias("TcpSwarm.Segment")]
public readonly record struct SegmentSurrogate(
    [property: Id(0)] uint SrcAddr, [property: Id(1)] ushort SrcPort, [property: Id(2)] uint DstAddr,
    [property: Id(3)] ushort DstPort, [property: Id(4)] uint Seq, [property: Id(5)] uint Ack,
    [property: Id(6)] byte Flags, [property: Id(7)] ushort Window, [property: Id(8)] ushort Length,
    [property: Id(9)] byte Options, [property: Id(10)] ushort Mss, [property: Id(11)] byte WindowScale,
    [property: Id(12)] uint TsVal, [property: Id(13)] uint TsEcr);

/// <summary>Converts the model's <see cref="Segment"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class SegmentConverter : IConverter<Segment, SegmentSurrogate>
{
    public Segment ConvertFromSurrogate(in SegmentSurrogate s) => new(s.SrcAddr, s.SrcPort, s.DstAddr, s.DstPort,
        new SeqNum(s.Seq), new SeqNum(s.Ack), (TcpFlags)s.Flags, s.Window, s.Length, (TcpOptions)s.Options, s.Mss,
        s.WindowScale, s.TsVal, s.TsEcr);

    public SegmentSurrogate ConvertToSurrogate(in Segment s) => new(s.SrcAddr, s.SrcPort, s.DstAddr, s.DstPort,
        s.Seq.Value, s.Ack.Value, (byte)s.Flags, s.Window, s.Length, (byte)s.Options, s.Mss, s.WindowScale, s.TsVal,
        s.TsEcr);
}
