using System.Buffers.Binary;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>A window's arrivals for another silo as one payload: a count, then a fixed record per arrival, so that the
/// bytes between silos are counted exactly and a busy window costs a copy, not a serializer's walk of every field.
/// </summary>
/// <remarks>
/// Little-endian, <see cref="RecordBytes"/> per arrival: to (4), due at in ns (8), the sender's order key (8 + 8),
/// then the segment's addresses, ports, seq, ack, flags, window, length, options, MSS, window scale, TSval, TSecr.
/// Both ends are this build (a cluster runs one version), so the layout needs no tags. Measured against Orleans'
/// serializer of the same fields: hot-server's 16 KB a window (docs/scale-out.md).
/// </remarks>
public sealed class ArrivalCodec
{
    /// <summary>Bytes per arrival.</summary>
    public const int RecordBytes = 4 + 8 + 8 + 8 + 4 + 2 + 4 + 2 + 4 + 4 + 1 + 2 + 2 + 1 + 2 + 1 + 4 + 4;

    public byte[] Encode(IReadOnlyList<Arrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var payload = new byte[4 + arrivals.Count * RecordBytes];
        BinaryPrimitives.WriteInt32LittleEndian(payload, arrivals.Count);
        var span = payload.AsSpan(4);
        for (int i = 0; i < arrivals.Count; i++, span = span[RecordBytes..]) Write(span, arrivals[i]);
        return payload;
    }

    /// <summary>Reads a payload into <paramref name="arrivals"/>, cleared first: a partition reuses one list for every
    /// message it gets, so a busy window's arrivals cost no new array (a fresh one a message was 31 to 48 MB of each
    /// silo's allocations in a run of hot-server on 2 silos, docs/scale-out.md).</summary>
    public void Decode(byte[] payload, List<Arrival> arrivals)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(arrivals);
        int count = payload.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(payload) : -1;
        if (count < 0 || payload.Length != 4 + (long)count * RecordBytes)
            throw new InvalidDataException(
                $"an arrivals payload of {payload.Length} bytes is not a count and {RecordBytes} bytes per arrival");
        arrivals.Clear();
        arrivals.EnsureCapacity(count);
        ReadOnlySpan<byte> span = payload.AsSpan(4);
        for (int i = 0; i < count; i++, span = span[RecordBytes..]) arrivals.Add(Read(span));
    }

    private static void Write(Span<byte> b, in Arrival a)
    {
        var e = a.Event;
        var s = e.Segment;
        BinaryPrimitives.WriteUInt32LittleEndian(b, a.To);
        BinaryPrimitives.WriteInt64LittleEndian(b[4..], e.At.Nanoseconds);
        BinaryPrimitives.WriteUInt64LittleEndian(b[12..], e.Source);
        BinaryPrimitives.WriteInt64LittleEndian(b[20..], e.Seq);
        BinaryPrimitives.WriteUInt32LittleEndian(b[28..], s.SrcAddr);
        BinaryPrimitives.WriteUInt16LittleEndian(b[32..], s.SrcPort);
        BinaryPrimitives.WriteUInt32LittleEndian(b[34..], s.DstAddr);
        BinaryPrimitives.WriteUInt16LittleEndian(b[38..], s.DstPort);
        BinaryPrimitives.WriteUInt32LittleEndian(b[40..], s.Seq.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(b[44..], s.Ack.Value);
        b[48] = (byte)s.Flags;
        BinaryPrimitives.WriteUInt16LittleEndian(b[49..], s.Window);
        BinaryPrimitives.WriteUInt16LittleEndian(b[51..], s.Length);
        b[53] = (byte)s.Options;
        BinaryPrimitives.WriteUInt16LittleEndian(b[54..], s.Mss);
        b[56] = s.WindowScale;
        BinaryPrimitives.WriteUInt32LittleEndian(b[57..], s.TsVal);
        BinaryPrimitives.WriteUInt32LittleEndian(b[61..], s.TsEcr);
    }

    private static Arrival Read(ReadOnlySpan<byte> b)
    {
        var segment = new Segment(BinaryPrimitives.ReadUInt32LittleEndian(b[28..]),
            BinaryPrimitives.ReadUInt16LittleEndian(b[32..]), BinaryPrimitives.ReadUInt32LittleEndian(b[34..]),
            BinaryPrimitives.ReadUInt16LittleEndian(b[38..]),
            new SeqNum(BinaryPrimitives.ReadUInt32LittleEndian(b[40..])),
            new SeqNum(BinaryPrimitives.ReadUInt32LittleEndian(b[44..])), (TcpFlags)b[48],
            BinaryPrimitives.ReadUInt16LittleEndian(b[49..]), BinaryPrimitives.ReadUInt16LittleEndian(b[51..]),
            (TcpOptions)b[53], BinaryPrimitives.ReadUInt16LittleEndian(b[54..]), b[56],
            BinaryPrimitives.ReadUInt32LittleEndian(b[57..]), BinaryPrimitives.ReadUInt32LittleEndian(b[61..]));
        return new Arrival(BinaryPrimitives.ReadUInt32LittleEndian(b),
            new HostEvent(HostEventKind.Arrival, new Instant(BinaryPrimitives.ReadInt64LittleEndian(b[4..])),
                BinaryPrimitives.ReadUInt64LittleEndian(b[12..]), BinaryPrimitives.ReadInt64LittleEndian(b[20..]),
                segment));
    }
}
