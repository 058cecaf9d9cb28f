using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>Bare SYNs from addresses nobody holds, written whole (IP_HDRINCL) on a raw socket: the never-answered
/// SYNs of a flood, one per 4-tuple, never retransmitted.</summary>
/// <remarks>As SynFlood sends them in the simulator: MSS 1460 and no other option, window 64,240. The kernel fills in
/// the IP checksum and total length; the TCP checksum is ours (RFC 9293 §3.1, over the pseudo-header).</remarks>
internal static class RawSyns
{
    private const int IpHeader = 20, TcpHeader = 24;

    /// <summary>Sends one SYN from each source, all to <paramref name="to"/>, source port 40000 + the index.</summary>
    public static async Task SendAsync(NetNamespace ns, IReadOnlyList<IPAddress> sources, IPEndPoint to)
    {
        using var socket = await ns.RawTcpSocketAsync().ConfigureAwait(false);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
        var packet = new byte[IpHeader + TcpHeader];
        for (int i = 0; i < sources.Count; i++)
        {
            Build(packet, sources[i], (ushort)(40_000 + i), to, isn: (uint)(0x1000_0000 + i * 7919));
            socket.SendTo(packet, to);
        }
    }

    internal static void Build(Span<byte> p, IPAddress from, ushort fromPort, IPEndPoint to, uint isn)
    {
        p.Clear();
        p[0] = 0x45;                                       // IPv4, 5 words
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)p.Length);
        p[6] = 0x40;                                       // DF
        p[8] = 64;                                         // TTL
        p[9] = 6;                                          // TCP
        from.TryWriteBytes(p[12..16], out _);
        to.Address.TryWriteBytes(p[16..20], out _);
        var tcp = p[IpHeader..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, fromPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], (ushort)to.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], isn);
        tcp[12] = (TcpHeader / 4) << 4;
        tcp[13] = CapturedSegment.Syn;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64_240);
        tcp[20] = 2;                                       // MSS option, 4 bytes, 1460
        tcp[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], 1460);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(p[12..20], tcp));
    }

    // The one's-complement sum of the pseudo-header (addresses, protocol, TCP length) and the segment.
    internal static ushort Checksum(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> tcp)
    {
        uint sum = 6u + (uint)tcp.Length;
        for (int i = 0; i < addresses.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(addresses[i..]);
        for (int i = 0; i + 1 < tcp.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(tcp[i..]);
        if ((tcp.Length & 1) != 0) sum += (uint)tcp[^1] << 8;
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
