namespace TcpSwarm.Tcp;

// LISTEN (RFC 9293 §3.10.7.2) in Linux's order: tcp_v4_do_rcv tries a cookie on a non-SYN ACK first, then
// tcp_rcv_state_process refuses any ACK with a RST, drops a RST, and hands a SYN without FIN to tcp_conn_request.
public sealed partial class Listener
{
    private void ListenArrives(in SocketPair tuple, in Segment seg, Instant now, bool peerProven, SeqNum? twIsn,
        uint tsOffset, ref ListenerStep step)
    {
        if (seg.Has(TcpFlags.Ack)) ListenAckArrives(in tuple, in seg, now, tsOffset, ref step);
        else if (seg.Has(TcpFlags.Rst)) return;
        else if (seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Fin))
            SynArrives(in tuple, in seg, now, peerProven, twIsn, tsOffset, ref step);
    }

    // An ACK with no request entry (or one whose ACK number the entry refused): a valid cookie, else RST.
    private void ListenAckArrives(in SocketPair tuple, in Segment seg, Instant now, uint tsOffset,
        ref ListenerStep step)
    {
        if (!seg.Has(TcpFlags.Syn) && !seg.Has(TcpFlags.Rst) && _profile.TcpSyncookies != 0 && RecentOverflow(now)
            && CookieAckArrives(in tuple, in seg, now, tsOffset, ref step))
            return;
        if (seg.Has(TcpFlags.Rst)) return;
        SendReset(in seg, ref step);                     // the half-open client's data ends here (docs/model.md)
        step.Outcome = ListenerOutcome.Refused;
    }

    // tcp_conn_request (docs/model.md), step by step.
    private void SynArrives(in SocketPair tuple, in Segment seg, Instant now, bool peerProven, SeqNum? twIsn,
        uint tsOffset, ref ListenerStep step)
    {
        _synsIn++;
        bool wantCookie = false;
        if ((_profile.TcpSyncookies == 2 || _synQueue.Count >= SynQueueLimit) && twIsn is null)
        {
            wantCookie = _profile.TcpSyncookies != 0;     // tcp_syn_flood_action
            Counters.Increment(wantCookie ? TcpExt.TCPReqQFullDoCookies : TcpExt.TCPReqQFullDrop);
            if (!wantCookie)
            {
                DropSyn(ref step);
                return;
            }
        }
        if (_acceptQueue.IsFull)
        {
            Counters.Increment(TcpExt.ListenOverflows);
            DropSyn(ref step);
            return;
        }
        var syn = SynOptions.Parse(in seg, _profile);
        if (wantCookie)
        {
            SendCookie(in tuple, in seg, now, syn.Timestamps ? syn : syn.WithoutTimestampOptions(), tsOffset, ref step);
            return;
        }
        if (twIsn is null && QuarterRuleDrops(peerProven))
        {
            DropSyn(ref step);
            return;
        }
        QueueRequest(in tuple, in seg, now, twIsn ?? Isn.Secure(_secret, in tuple, now), in syn, tsOffset, ref step);
    }

    // Without syncookies the last quarter of tcp_max_syn_backlog is kept for peers the host already knows.
    private bool QuarterRuleDrops(bool peerProven) => _profile.TcpSyncookies == 0
        && _profile.TcpMaxSynBacklog - _synQueue.Count < _profile.TcpMaxSynBacklog >> 2 && !peerProven;

    // tcp_listendrop: every way a SYN is dropped counts ListenDrops.
    private void DropSyn(ref ListenerStep step)
    {
        Counters.Increment(TcpExt.ListenDrops);
        _synsDropped++;
        step.Outcome = ListenerOutcome.SynDropped;
    }

    private void QueueRequest(in SocketPair tuple, in Segment seg, Instant now, SeqNum iss, in SynOptions syn,
        uint tsOffset, ref ListenerStep step)
    {
        var deadline = now + _profile.TimeoutInit;       // req->timeout = tcp_timeout_init()
        _synQueue.Add(in tuple, new RequestEntry(now, iss, seg.Seq, in syn, tsOffset, deadline));
        _requestsIn++;
        step.Send(SynAck(in tuple, iss, seg.Seq, in syn, TsClock.TsVal(now, tsOffset)));
        step.Outcome = ListenerOutcome.RequestQueued;
        step.Request = tuple;
        step.RequestTimer = TimerEdit.Set(deadline);
    }

    // cookie_init_sequence: the MSS rounded down into the cookie, options into the TSval; nothing kept, no timer.
    private void SendCookie(in SocketPair tuple, in Segment seg, Instant now, in SynOptions syn, uint tsOffset,
        ref ListenerStep step)
    {
        var cookie = _cookies.Make(in tuple, seg.Seq, now, SynCookie.MssIndex(syn.Mss));
        SynqOverflow(now);
        Counters.Increment(TcpExt.SyncookiesSent);
        _cookiesSent++;
        uint tsVal = unchecked(SynCookie.Timestamp(now, syn.WindowScale, syn.Sack) + tsOffset);
        step.Send(SynAck(in tuple, cookie, seg.Seq, in syn, tsVal));
        step.Outcome = ListenerOutcome.CookieSent;
    }

    // tcp_synq_overflow: the stamp moves at most once a second.
    private void SynqOverflow(Instant now)
    {
        if (_overflowed && now >= _lastOverflow && now <= _lastOverflow + TimeSpan.FromSeconds(1)) return;
        _lastOverflow = now;
        _overflowed = true;
    }

    // !tcp_synq_no_recent_overflow: a cookie left within [stamp - 1 s, stamp + 120 s] (TCP_SYNCOOKIE_VALID).
    private bool RecentOverflow(Instant now) => _overflowed && now >= _lastOverflow - TimeSpan.FromSeconds(1)
        && now <= _lastOverflow + TimeSpan.FromSeconds(120);
}
