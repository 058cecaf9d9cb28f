namespace TcpSwarm.Tcp;

/// <summary>What a listener hands over when it admits a final ACK: enough to build the server's ESTABLISHED
/// Tcb.</summary>
/// <param name="Tuple">The server's view: local = the listener's address and port.</param>
/// <param name="Iss">The server's ISN (its SYN-ACK's sequence number, or the cookie).</param>
/// <param name="Irs">The client's ISN.</param>
/// <param name="PeerMss">The MSS the client announced (after the cookie's quantisation when FromCookie).</param>
/// <param name="PeerWindowScale">The client's window-scale shift, or -1 when window scaling is off.</param>
/// <param name="SackPermitted">Both sides offered SACK (lost through a cookie without timestamps).</param>
/// <param name="Timestamps">Both sides use timestamps; then TsRecent is the client's last TSval.</param>
/// <param name="TsRecent">The client's last TSval, when Timestamps.</param>
/// <param name="TsOffset">The server's timestamp offset toward this client (secure_tcp_ts_off: per address
/// pair).</param>
/// <param name="FirstSynAckAt">When the first SYN-ACK left, for the handshake's RTT sample.</param>
/// <param name="SynAckRetransmitted">A SYN-ACK was resent: no RTT sample (Karn), RTO falls back to 3 s.</param>
/// <param name="FromCookie">No request entry existed: the ACK carried a valid syncookie.</param>
/// <param name="PeerWindow">The window field of the completing ACK (unscaled).</param>
public readonly record struct AcceptedConnection(
    SocketPair Tuple, SeqNum Iss, SeqNum Irs, ushort PeerMss, sbyte PeerWindowScale, bool SackPermitted,
    bool Timestamps, uint TsRecent, uint TsOffset, Instant FirstSynAckAt, bool SynAckRetransmitted, bool FromCookie,
    ushort PeerWindow);
