namespace TcpSwarm.Tcp;

/// <summary>A connection's 4-tuple from one side's point of view: local address and port, remote address and
/// port.</summary>
public readonly record struct SocketPair(uint LocalAddr, ushort LocalPort, uint RemoteAddr, ushort RemotePort)
{
    /// <summary>The same connection seen from the other side.</summary>
    public SocketPair Reversed => new(RemoteAddr, RemotePort, LocalAddr, LocalPort);

    /// <summary>The pair a segment arriving at its destination belongs to.</summary>
    public static SocketPair Arriving(in Segment seg) => new(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort);

    public override string ToString() =>
        $"{Ipv4.Format(LocalAddr)}:{LocalPort}-{Ipv4.Format(RemoteAddr)}:{RemotePort}";
}
