using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What a segment is, for counting: each segment is one kind, the first that fits in this order.</summary>
public enum SegmentKind : byte
{
    /// <summary>Any segment with RST.</summary>
    Rst,
    /// <summary>SYN with ACK.</summary>
    SynAck,
    /// <summary>SYN without ACK.</summary>
    Syn,
    /// <summary>Any other segment with FIN (with or without data).</summary>
    Fin,
    /// <summary>Any other segment carrying data.</summary>
    Data,
    /// <summary>The rest: a pure ACK.</summary>
    Ack,
}

/// <summary>How a segment gets its <see cref="SegmentKind"/>, and the kinds' names.</summary>
public static class SegmentKindTable
{
    public static readonly int Count = Enum.GetValues<SegmentKind>().Length;

    /// <summary>The kinds' names as metrics and files print them.</summary>
    public static readonly IReadOnlyList<string> Names = ["rst", "syn_ack", "syn", "fin", "data", "ack"];

    public static SegmentKind Of(in Segment seg) =>
        (seg.Flags & TcpFlags.Rst) != 0 ? SegmentKind.Rst
        : (seg.Flags & TcpFlags.Syn) != 0 ? (seg.Flags & TcpFlags.Ack) != 0 ? SegmentKind.SynAck : SegmentKind.Syn
        : (seg.Flags & TcpFlags.Fin) != 0 ? SegmentKind.Fin
        : seg.Length > 0 ? SegmentKind.Data
        : SegmentKind.Ack;
}
