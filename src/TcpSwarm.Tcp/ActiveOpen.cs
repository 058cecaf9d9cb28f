namespace TcpSwarm.Tcp;

/// <summary>What connect() settled before the SYN leaves: the 4-tuple, the ISN and what a reused TIME_WAIT passes
/// on.</summary>
/// <param name="Reused">The 4-tuple was taken over from TIME_WAIT (tcp_tw_reuse): ISS is old SND.NXT + 65537.</param>
public readonly record struct ActiveOpen(
    SocketPair Tuple, SeqNum Iss, uint TsOffset, bool Reused, uint TsRecent, Instant TsRecentStamp);
