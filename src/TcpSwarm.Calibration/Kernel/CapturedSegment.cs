using System.Buffers.Binary;
using System.Net;
using TcpSwarm.Tcp;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>A TCP segment a namespace received, stamped by the kernel when it arrived (ns since the Unix epoch).
/// </summary>
internal readonly record struct CapturedSegment(long AtNs, IPAddress Source, int SourcePort, IPAddress Destination,
    int DestinationPort, byte Flags, int PayloadLength)
{
    public const byte Syn = (byte)TcpFlags.Syn, Ack = (byte)TcpFlags.Ack;

    public bool IsSyn => (Flags & (Syn | Ack)) == Syn;
    public bool IsSynAck => (Flags & (Syn | Ack)) == (Syn | Ack);

    /// <summary>Reads an IPv4 packet carrying TCP, as a raw socket hands it over; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, long atNs, out CapturedSegment segment)
    {
        segment = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4 || packet[9] != 6) return false;
        int ipHeader = (packet[0] & 0x0F) * 4, total = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (packet.Length < ipHeader + 20 || total > packet.Length) return false;
        var tcp = packet[ipHeader..total];
        int tcpHeader = (tcp[12] >> 4) * 4;
        segment = new CapturedSegment(atNs, new IPAddress(packet.Slice(12, 4)),
            BinaryPrimitives.ReadUInt16BigEndian(tcp),
            new IPAddress(packet.Slice(16, 4)), BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]), tcp[13],
            Math.Max(0, tcp.Length - tcpHeader));
        return true;
    }
}
