using System.Buffers;
using System.Buffers.Binary;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Cli.Trace;

// The nanosecond variant of classic libpcap (magic 0xa1b23c4d, little-endian): virtual time is in nanoseconds, and
// the microsecond format would round apart events less than 1 us apart onto one instant. tcpdump, tshark and
// Wireshark all read it. The file header and record headers are ours (PacketDotNet writes no
// files); the frames are TraceFrame's.

/// <summary>Writes traced segments as a pcap file: one Ethernet frame a record, stamped with its virtual time.
/// </summary>
internal static class PcapWriter
{
    public const uint NanosecondMagic = 0xa1b23c4d;
    public const int SnapLength = 65535;
    private const uint LinkTypeEthernet = 1;

    /// <summary>The file of records[i] for each i in order (the caller's order is the capture's); pairing gives the
    /// IP IDs.</summary>
    public static byte[] Write(IReadOnlyList<TraceRecord> records, IEnumerable<int> order, TracePairing pairing)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var header = output.GetSpan(24);
        BinaryPrimitives.WriteUInt32LittleEndian(header, NanosecondMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);    // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);     // thiszone: timestamps are UTC
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);   // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        output.Advance(24);

        foreach (int i in order)
        {
            var frame = TraceFrame.Build(records[i].Segment, pairing.IpId(i));
            int captured = Math.Min(frame.Length, SnapLength);      // as tcpdump cuts a frame past its snaplen
            long ns = records[i].At.Nanoseconds;
            var record = output.GetSpan(16 + captured);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(ns / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(ns % 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)captured);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
            frame.AsSpan(0, captured).CopyTo(record[16..]);
            output.Advance(16 + captured);
        }
        return output.WrittenSpan.ToArray();
    }
}
