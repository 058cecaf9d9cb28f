namespace TcpSwarm.Tcp;

/// <summary>The RST that answers a segment (RFC 9293 §3.10.7.1), built in one place for the host, listeners and Tcbs.
/// </summary>
internal static class Rst
{
    /// <summary>tcp_v4_send_reset: to a segment with an ACK, &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt;; without one,
    /// &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt;. From its receiver to its sender, no options,
    /// window 0. Callers never answer a RST with one, and count it (Tcp OutRsts).</summary>
    public static Segment For(in Segment seg) => seg.Has(TcpFlags.Ack)
        ? new Segment(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort, seg.Ack, default, TcpFlags.Rst, 0, 0)
        : new Segment(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort, default, seg.EndSeq,
            TcpFlags.Rst | TcpFlags.Ack, 0, 0);
}
