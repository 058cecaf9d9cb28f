namespace TcpSwarm.Tcp;

/// <summary>One TCP segment as the model sees it: header fields, payload length (no bytes) and the options that
/// matter.</summary>
public readonly record struct Segment(
    uint SrcAddr, ushort SrcPort, uint DstAddr, ushort DstPort,
    SeqNum Seq, SeqNum Ack, TcpFlags Flags, ushort Window, ushort Length,
    TcpOptions Options = TcpOptions.None, ushort Mss = 0, byte WindowScale = 0, uint TsVal = 0, uint TsEcr = 0)
{
    public bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>SEG.LEN of RFC 9293: payload plus one for SYN and one for FIN, which occupy sequence space.</summary>
    public int SeqLength => Length + ((Flags & TcpFlags.Syn) != 0 ? 1 : 0) + ((Flags & TcpFlags.Fin) != 0 ? 1 : 0);

    /// <summary>The sequence number just after this segment.</summary>
    public SeqNum EndSeq => Seq + SeqLength;

    public bool HasTimestamps => (Options & TcpOptions.Timestamps) != 0;

    public override string ToString() => SegmentText.Describe(in this);
}
