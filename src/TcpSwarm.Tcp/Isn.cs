namespace TcpSwarm.Tcp;

/// <summary>The ISN as Linux picks it: secure_tcp_seq (RFC 6528), or tcp_tw_isn over a TIME_WAIT record.</summary>
public static class Isn
{
    /// <summary>Keyed hash of the 4-tuple plus the virtual clock in 64 ns ticks, so a reopened 4-tuple moves
    /// on.</summary>
    public static SeqNum Secure(ulong secret, in SocketPair tuple, Instant now) =>
        new(unchecked((uint)KeyedHash.Of(secret, in tuple) + (uint)(now.Nanoseconds >> 6)));

    /// <summary>tcp_timewait_state_process and tcp_twsk_unique: the old SND.NXT + 65535 + 2, never 0.</summary>
    public static SeqNum AfterTimeWait(SeqNum sndNxt)
    {
        var isn = sndNxt + 65537;
        return isn.Value == 0 ? new SeqNum(1) : isn;
    }
}
