namespace TcpSwarm.Tcp;

/// <summary>Our TSval (RFC 7323 §5.4): a 1 ms clock plus our offset toward the peer, for Tcbs, requests and TIME_WAIT.
/// </summary>
internal static class TsClock
{
    /// <summary>tcp_time_stamp_ts plus tsoffset (tcp_rsk_tsval, tcp_tw_tsval alike): the ms clock, wrapping at 2^32,
    /// plus the connection's offset (secure_tcp_ts_off).</summary>
    public static uint TsVal(Instant now, uint tsOffset) => unchecked((uint)now.Milliseconds + tsOffset);
}
