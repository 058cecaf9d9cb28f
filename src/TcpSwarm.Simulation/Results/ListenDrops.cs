namespace TcpSwarm.Simulation.Results;

/// <summary>What a server's listeners dropped, by reason, each dropped segment once; cookies are not drops.</summary>
/// <remarks>Linux counts every listen-path drop in ListenDrops (tcp_listendrop), an accept queue found full also in
/// ListenOverflows, a SYN queue found full with cookies off also in TCPReqQFullDrop; the rest of ListenDrops are
/// SYNs from unproven peers refused once tcp_max_syn_backlog is three quarters used (cookies off). So the reasons
/// add up to ListenDrops, and adding ListenOverflows to ListenDrops would count overflows twice.</remarks>
/// <param name="SynQueueFull">SYNs dropped on a full SYN queue with cookies off (TCPReqQFullDrop).</param>
/// <param name="SynQueueUnprovenPeer">SYNs from peers not proven alive, dropped with the last quarter of
/// tcp_max_syn_backlog kept for proven ones (cookies off).</param>
/// <param name="AcceptQueueFull">SYNs and third ACKs dropped on a full accept queue (ListenOverflows).</param>
public sealed record ListenDrops(long SynQueueFull, long SynQueueUnprovenPeer, long AcceptQueueFull)
{
    public static readonly ListenDrops None = new(0, 0, 0);

    /// <summary>Every drop: Linux's ListenDrops.</summary>
    public long Total => SynQueueFull + SynQueueUnprovenPeer + AcceptQueueFull;

    /// <summary>From Linux's counters (indexed by <see cref="Tcp.TcpExt"/>).</summary>
    public static ListenDrops Of(IReadOnlyList<long> counters)
    {
        long all = counters[(int)Tcp.TcpExt.ListenDrops];
        long full = counters[(int)Tcp.TcpExt.TCPReqQFullDrop], overflow = counters[(int)Tcp.TcpExt.ListenOverflows];
        return new ListenDrops(full, Math.Max(0, all - full - overflow), overflow);
    }
}
