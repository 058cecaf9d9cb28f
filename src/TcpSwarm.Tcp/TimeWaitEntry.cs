namespace TcpSwarm.Tcp;

/// <summary>A TIME_WAIT socket as Linux keeps it (inet_timewait_sock): the 4-tuple, both edges and the
/// timestamps.</summary>
/// <param name="Tuple">The closing side's view of the connection.</param>
/// <param name="SndNxt">Our next sequence number (our FIN + 1): a reopened 4-tuple starts from SndNxt + 65537.</param>
/// <param name="RcvNxt">The peer's FIN + 1: the only in-window sequence number left.</param>
/// <param name="Timestamps">The connection used timestamps; then TsRecent and TsRecentStamp hold the last one
/// seen.</param>
/// <param name="TsRecent">The peer's last TSval.</param>
/// <param name="TsRecentStamp">When TsRecent was taken (ts_recent_stamp); tcp_twsk_unique needs one.</param>
/// <param name="TsOffset">Our timestamp offset toward the peer, so our ACKs keep the clock the peer knows.</param>
/// <param name="EnteredAt">When the socket entered TIME_WAIT (tw_entry_stamp, for tcp_tw_reuse_delay).</param>
public readonly record struct TimeWaitEntry(
    SocketPair Tuple, SeqNum SndNxt, SeqNum RcvNxt, bool Timestamps, uint TsRecent, Instant TsRecentStamp,
    uint TsOffset, Instant EnteredAt);
