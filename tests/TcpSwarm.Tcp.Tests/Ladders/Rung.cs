using System.Globalization;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>Which way a segment crosses the wire in a ladder diagram.</summary>
public enum Dir { C2S, S2C }

/// <summary>One line of a ladder diagram: when a segment arrived (or was lost), which way, and both sides' states after.</summary>
/// <remarks>The segment is kept as its text (<see cref="SegmentText.Describe"/>) so a failing test prints readable ladders.</remarks>
public readonly record struct Rung(long AtMs, Dir Dir, string Segment, bool Lost, TcpState Client, TcpState Server)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{AtMs,8} ms  {(Dir == Dir.C2S ? "C --> S" : "C <-- S")}  {(Lost ? "LOST " : "")}{Segment,-36}  {Client,-12} {Server}");
}

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
}
