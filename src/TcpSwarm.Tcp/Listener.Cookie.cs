namespace TcpSwarm.Tcp;

// cookie_v4_check and tcp_get_cookie_sock: an ACK at LISTEN that may carry a syncookie.
public sealed partial class Listener
{
    // True when the ACK held a valid cookie and was consumed (admitted, or dropped); false sends it on to LISTEN.
    private bool CookieAckArrives(in SocketPair tuple, in Segment seg, Instant now, uint tsOffset,
        ref ListenerStep step)
    {
        SeqNum cookie = seg.Ack - 1, irs = seg.Seq - 1;
        if (!_cookies.TryCheck(in tuple, cookie, irs, now, out int mssIndex))
        {
            Counters.Increment(TcpExt.SyncookiesFailed);
            return false;
        }
        Counters.Increment(TcpExt.SyncookiesRecv);

        bool timestamps = seg.HasTimestamps && _profile.TcpTimestamps != 0;
        uint tsEcr = seg.TsEcr, tsOff = 0;
        if (timestamps && tsEcr != 0)
        {
            tsOff = tsOffset;
            tsEcr = unchecked(tsEcr - tsOff);
        }
        if (!SynCookie.TryDecodeTimestamp(timestamps, tsEcr, _profile, out var peerWindowScale, out var sack))
            return false;                                // an option our sysctls refuse: LISTEN resets it

        if (_acceptQueue.IsFull)                         // tcp_v4_syn_recv_sock: no RST, and nothing to resend
        {
            Counters.Increment(TcpExt.ListenOverflows);
            Counters.Increment(TcpExt.ListenDrops);
            step.Outcome = ListenerOutcome.AckDroppedOnOverflow;
            return true;
        }
        if (_synQueue.Contains(in tuple)) return true;   // inet_ehash_insert finds the request: no child, dropped

        _acceptQueue.Add(in tuple);
        _cookiesAdmitted++;
        step.Outcome = ListenerOutcome.Admitted;
        step.Child = new AcceptedConnection(tuple, cookie, irs, SynCookie.MssTable[mssIndex], peerWindowScale, sack,
            timestamps, timestamps ? seg.TsVal : 0, tsOff, FirstSynAckAt: default, SynAckRetransmitted: false,
            FromCookie: true, seg.Window);
        return true;
    }
}
