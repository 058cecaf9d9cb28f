using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// One connection as the script sees it: its 4-tuple, and the mappings packetdrill keeps between script numbers and
// live ones. The script's own sequence numbers and TS values go on the wire as written; the local stack's ISN and TS
// clock are its own, so its sequence numbers are shown relative to its SYN (or SYN-ACK) as the script wrote that one,
// and a TS ecr the script sends is mapped back to the live TS value it echoes.
internal sealed class Flow(ushort localPort, ushort remotePort, bool active)
{
    public ushort LocalPort { get; } = localPort;
    public ushort RemotePort { get; } = remotePort;
    public bool Active { get; } = active;
    /// <summary>The script's SYN sequence number, to tell a retransmitted SYN from a new one.</summary>
    public long? RemoteIsn { get; set; }
    /// <summary>live local ISN - the script's, once the local SYN or SYN-ACK was matched.</summary>
    public uint? IsnOffset { get; set; }
    /// <summary>live TS val - the script's, from the first local segment with timestamps.</summary>
    public uint? TsOffset { get; set; }

    public SocketPair Tuple => new(LocalStack.LocalAddr, LocalPort, LocalStack.RemoteAddr, RemotePort);

    public bool Carries(in Segment seg) => seg.SrcPort == LocalPort && seg.DstPort == RemotePort;

    public uint ScriptSeq(SeqNum live) => unchecked(live.Value - (IsnOffset ?? 0));
    public uint LiveAck(long script) => unchecked((uint)script + (IsnOffset ?? 0));
    public uint ScriptTsVal(uint live) => unchecked(live - (TsOffset ?? 0));
    public uint LiveTsEcr(long script) => unchecked((uint)script + (TsOffset ?? 0));
}
