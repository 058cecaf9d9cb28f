using System.Globalization;
using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>Builders that make expected ladders read like the RFC's diagrams.</summary>
public static class Rungs
{
    public const Dir C2S = Dir.C2S;
    public const Dir S2C = Dir.S2C;

    public static Rung Arrives(long ms, Dir dir, string segment, TcpState client, TcpState server) =>
        new(ms, dir, segment, false, client, server);

    public static Rung Lost(long ms, Dir dir, string segment, TcpState client, TcpState server) =>
        new(ms, dir, segment, true, client, server);

    public static string Seg(TcpFlags flags, uint seq, uint ack = 0, int len = 0) =>
        string.Create(CultureInfo.InvariantCulture, $"{SegmentText.Flags(flags)} seq={seq} ack={ack} len={len}");

    public static string Syn(uint seq) => Seg(TcpFlags.Syn, seq);
    public static string SynAck(uint seq, uint ack) => Seg(TcpFlags.Syn | TcpFlags.Ack, seq, ack);
    public static string Ack(uint seq, uint ack) => Seg(TcpFlags.Ack, seq, ack);
    public static string Data(uint seq, uint ack, int len) => Seg(TcpFlags.Psh | TcpFlags.Ack, seq, ack, len);
    public static string FinAck(uint seq, uint ack) => Seg(TcpFlags.Fin | TcpFlags.Ack, seq, ack);
    public static string Rst(uint seq) => Seg(TcpFlags.Rst, seq);
    public static string RstAck(uint seq, uint ack) => Seg(TcpFlags.Rst | TcpFlags.Ack, seq, ack);

    /// <summary>The segment as a rung shows it: sequence numbers relative to the ISN of the side that sent it, the
    /// acknowledgment number relative to the other side's ISN when the ACK bit is set (raw otherwise), as Wireshark's
    /// relative numbers and packetdrill scripts write them.</summary>
    public static string Relative(in Segment seg, Dir dir, uint clientIsn, uint serverIsn)
    {
        var (seqBase, ackBase) = dir == Dir.C2S ? (clientIsn, serverIsn) : (serverIsn, clientIsn);
        uint seq = unchecked(seg.Seq.Value - seqBase);
        uint ack = seg.Has(TcpFlags.Ack) ? unchecked(seg.Ack.Value - ackBase) : seg.Ack.Value;
        return Seg(seg.Flags, seq, ack, seg.Length);
    }

    /// <summary>A relative number below the ISN (an old duplicate's, a forger's): n before it, modulo 2^32.</summary>
    public static uint Before(uint n) => unchecked(0u - n);
}
