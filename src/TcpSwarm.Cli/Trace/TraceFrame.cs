using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PacketDotNet.Utils;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Trace;

// The model carries no payload bytes and no link layer: a frame gets Segment.Length zero bytes (so that tshark's
// relative sequence analysis and lengths are right), MAC addresses derived from the IPv4 addresses, TTL 64 and DF as
// Linux sends them, and the options laid out in the order Linux's tcp_options_write uses.

/// <summary>One traced segment as an Ethernet/IPv4/TCP frame, built with PacketDotNet, checksums valid.</summary>
internal static class TraceFrame
{
    private const int Ttl = 64;                      // net.ipv4.ip_default_ttl
    private const int DontFragment = 0x2;            // Linux sets DF on TCP (path MTU discovery)

    /// <summary>The frame's bytes; ipId is the sender's IP ID for this datagram.</summary>
    public static byte[] Build(in Segment seg, ushort ipId)
    {
        var options = Options(in seg);
        var header = new byte[20 + options.Length];
        header[12] = (byte)(header.Length / 4 << 4);    // the data offset PacketDotNet reads the header length from
        var tcp = new TcpPacket(new ByteArraySegment(header))
        {
            SourcePort = seg.SrcPort,
            DestinationPort = seg.DstPort,
            SequenceNumber = seg.Seq.Value,
            AcknowledgmentNumber = seg.Ack.Value,
            Flags = (ushort)seg.Flags,                   // TcpFlags keeps the wire's bit positions
            WindowSize = seg.Window,
            Options = options,
            PayloadData = new byte[seg.Length],
        };
        var ip = new IPv4Packet(Address(seg.SrcAddr), Address(seg.DstAddr))
        {
            TimeToLive = Ttl,
            Id = ipId,
            Protocol = ProtocolType.Tcp,
            PayloadPacket = tcp,
        };
        ip.FragmentFlags = DontFragment;
        ip.TotalLength = ip.HeaderLength * 4 + header.Length + seg.Length;
        var ethernet = new EthernetPacket(Mac(seg.SrcAddr), Mac(seg.DstAddr), EthernetType.IPv4) { PayloadPacket = ip };
        ip.UpdateIPChecksum();
        tcp.UpdateTcpChecksum();
        return ethernet.Bytes;
    }

    /// <summary>02:00 and the address's four bytes: locally administered, unicast, the same in every run.</summary>
    public static PhysicalAddress Mac(uint addr) =>
        new([0x02, 0x00, (byte)(addr >> 24), (byte)(addr >> 16), (byte)(addr >> 8), (byte)addr]);

    private static IPAddress Address(uint addr) =>
        new([(byte)(addr >> 24), (byte)(addr >> 16), (byte)(addr >> 8), (byte)addr]);

    // tcp_options_write's order: MSS; SACK-permitted sharing a word with timestamps (or NOP,NOP before it); NOP and
    // window scale. Every option then ends on a 32-bit boundary, so no padding is needed.
    private static byte[] Options(in Segment seg)
    {
        bool mss = (seg.Options & TcpOptions.Mss) != 0, ts = (seg.Options & TcpOptions.Timestamps) != 0;
        bool sack = (seg.Options & TcpOptions.SackPermitted) != 0, wscale = (seg.Options & TcpOptions.WindowScale) != 0;
        var bytes = new List<byte>(20);
        if (mss) bytes.AddRange([2, 4, (byte)(seg.Mss >> 8), (byte)seg.Mss]);
        if (ts)
        {
            bytes.AddRange(sack ? [4, 2] : [1, 1]);
            bytes.AddRange([8, 10]);
            AddUInt32(bytes, seg.TsVal);
            AddUInt32(bytes, seg.TsEcr);
        }
        else if (sack) bytes.AddRange([1, 1, 4, 2]);
        if (wscale) bytes.AddRange([1, 3, 3, seg.WindowScale]);
        return [.. bytes];
    }

    private static void AddUInt32(List<byte> bytes, uint value) =>
        bytes.AddRange([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
