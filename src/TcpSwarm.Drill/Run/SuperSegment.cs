using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// What packetdrill's tun device shows of Linux's sends: TSO/GSO super-segments, `P. 1:2001(2000)` where the wire
// would carry two MSS-sized segments. The model sends each MSS-sized segment on its own, so the capture side merges
// them back, as tcp_gso_segment would have split them: contiguous data segments of one connection sent at the same
// instant, with the same ack, window and options, where every segment but the last carries neither PSH nor FIN (GSO
// puts those on the last piece only), up to 64 KB.
//
// They are merged only as far as the script's expected segment spans them, never always: how many MSS Linux puts in
// one super-segment is tcp_tso_autosize's choice (the pacing rate, tcp_min_tso_segs, the cwnd), which the model
// does not compute. A script after a 0 ms handshake sees 10 MSS at once (shutdown-rdwr-*: `P. 1:10001(10000)`), one
// on a 100 ms RTT sees 2 (tcp_min_tso_segs), and a script that expects the MSS-sized pieces gets them. The bytes,
// sequence numbers, ack, window and options are still checked segment by segment. A merged packet of more than one
// MSS shows PSH whatever its pieces carried: __tcp_transmit_skb sets it on every TSO packet with tcp_skb_pcount > 1.
internal static class SuperSegment
{
    private const int GsoMaxSize = 65535;

    /// <summary>The first segment, merged with those queued after it up to <paramref name="wantLength"/> bytes.
    /// </summary>
    public static Sent Take(Queue<Sent> outbound, int wantLength)
    {
        var first = outbound.Dequeue();
        var seg = first.Segment;
        if (seg.Length == 0 || seg.Has(TcpFlags.Syn)) return first;
        while (seg.Length < wantLength && !seg.Has(TcpFlags.Psh) && !seg.Has(TcpFlags.Fin)
               && outbound.TryPeek(out var next) && Follows(in seg, first.At, next)
               && seg.Length + next.Segment.Length <= GsoMaxSize)
        {
            outbound.Dequeue();
            seg = seg with
            {
                Length = (ushort)(seg.Length + next.Segment.Length),
                Flags = seg.Flags | next.Segment.Flags,
            };
        }
        if (seg.Length > first.Segment.Length) seg = seg with { Flags = seg.Flags | TcpFlags.Psh };
        return first with { Segment = seg };
    }

    private static bool Follows(in Segment seg, Instant at, Sent next)
    {
        var n = next.Segment;
        return next.At == at && n.Length > 0 && n.SrcPort == seg.SrcPort && n.DstPort == seg.DstPort
               && n.SrcAddr == seg.SrcAddr && n.DstAddr == seg.DstAddr && n.Seq == seg.Seq + seg.Length
               && n.Ack == seg.Ack && n.Window == seg.Window && n.Options == seg.Options && n.TsVal == seg.TsVal
               && n.TsEcr == seg.TsEcr
               && (n.Flags & ~(TcpFlags.Psh | TcpFlags.Fin)) == (seg.Flags & ~(TcpFlags.Psh | TcpFlags.Fin));
    }
}
