using System.Buffers.Binary;
using System.Net;
using TcpSwarm.Calibration.Kernel;

namespace TcpSwarm.Calibration.Tests;

/// <summary>The SYNs calibrate writes on a raw socket, and its reading of what a raw socket hands back.</summary>
public sealed class WireTests
{
    [Fact]
    public void A_built_syn_reads_back_as_a_bare_syn_with_a_valid_tcp_checksum()
    {
        var packet = new byte[44];
        var to = new IPEndPoint(IPAddress.Parse("10.211.4.1"), 8080);
        RawSyns.Build(packet, IPAddress.Parse("198.51.100.64"), 40_000, to, isn: 0x1000_0000);

        Assert.True(CapturedSegment.TryParse(packet, 7, out var seg));
        Assert.Equal(new CapturedSegment(7, IPAddress.Parse("198.51.100.64"), 40_000, to.Address, 8080,
            CapturedSegment.Syn, 0), seg);
        Assert.True(seg.IsSyn);
        Assert.Equal(0x1000_0000u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(24)));
        // The one's-complement sum over pseudo-header and segment, checksum included, is all ones: 0 after ~.
        Assert.Equal(0, RawSyns.Checksum(packet.AsSpan(12, 8), packet.AsSpan(20)));
    }

    [Fact]
    public void The_checksum_is_rfc_1071s_ones_complement_sum_with_the_pseudo_headers_protocol_and_length()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 fold to ddf2; protocol 6 and length 8 make it de00, whose
        // complement is the checksum.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        Assert.Equal(0x21ff, RawSyns.Checksum([], data));
    }

    [Fact]
    public void Anything_but_ipv4_tcp_is_not_a_segment()
    {
        var packet = new byte[44];
        RawSyns.Build(packet, IPAddress.Loopback, 1, new IPEndPoint(IPAddress.Loopback, 2), 0);
        packet[9] = 17;                                  // UDP
        Assert.False(CapturedSegment.TryParse(packet, 0, out _));
        Assert.False(CapturedSegment.TryParse(packet.AsSpan(0, 30), 0, out _));
    }
}
