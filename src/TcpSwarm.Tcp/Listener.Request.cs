namespace TcpSwarm.Tcp;

// SYN_RCVD for a request entry (RFC 9293 §3.10.7.4) as tcp_check_req orders it: a resent SYN, the ACK number,
// the sequence window (and PAWS), the RST and SYN bits, the ACK bit, then admission.
public sealed partial class Listener
{
    private const TcpFlags Checked = TcpFlags.Rst | TcpFlags.Syn | TcpFlags.Ack;   // the flags tcp_check_req reads

    private void RequestArrives(ref RequestEntry entry, in SocketPair tuple, in Segment seg, Instant now,
        uint tsOffset, ref ListenerStep step)
    {
        var flags = seg.Flags & Checked;
        bool timestamps = seg.HasTimestamps && _profile.TcpTimestamps != 0;
        bool pawsReject = timestamps && PawsRejects(in entry, seg.TsVal, (flags & TcpFlags.Rst) != 0);
        if (seg.Seq == entry.Irs && flags == TcpFlags.Syn && !pawsReject)
        {
            SynRetransmitted(ref entry, in tuple, in seg, now, ref step);
            return;
        }
        if ((flags & TcpFlags.Ack) != 0 && seg.Ack != entry.Iss + 1)
        {
            ListenAckArrives(in tuple, in seg, now, tsOffset, ref step);   // LISTEN answers it; the entry stays
            return;
        }
        if (pawsReject || !InWindow(in seg, in entry))
        {
            if ((flags & TcpFlags.Rst) == 0 && !OutOfWindowReplyLimited(ref entry, in seg, now))
                step.Send(RequestAck(in tuple, in entry, now));
            if (pawsReject) Counters.Increment(TcpExt.PAWSEstab);
            return;
        }
        if (timestamps && seg.Seq <= entry.Irs + 1) entry.TsRecent = seg.TsVal;
        if (seg.Seq == entry.Irs) flags &= ~TcpFlags.Syn;   // the SYN lies before the window: truncate it

        if ((flags & (TcpFlags.Rst | TcpFlags.Syn)) != 0)
        {
            Counters.Increment(TcpExt.AttemptFails);
            EmbryonicReset(in tuple, in seg, (flags & TcpFlags.Rst) == 0, ref step);
        }
        else if ((flags & TcpFlags.Ack) != 0) AckArrives(ref entry, in tuple, in seg, ref step);
    }

    // A pure retransmitted SYN: resend the SYN-ACK (rate-limited) and restart the timer, without counting a timeout.
    private void SynRetransmitted(ref RequestEntry entry, in SocketPair tuple, in Segment seg, Instant now,
        ref ListenerStep step)
    {
        if (OutOfWindowReplyLimited(ref entry, in seg, now)) return;
        ResendSynAck(ref entry, in tuple, now, ref step);
        entry.Deadline = now + SynQueue.Timeout(_profile, entry.NumTimeout);   // mod_timer_pending
        step.RequestTimer = TimerEdit.Set(entry.Deadline);
    }

    // A good third ACK: a child if the accept queue has room; else drop it and keep the request, or reset it.
    private void AckArrives(ref RequestEntry entry, in SocketPair tuple, in Segment seg, ref ListenerStep step)
    {
        if (_acceptQueue.IsFull)                         // tcp_v4_syn_recv_sock's exit_overflow
        {
            Counters.Increment(TcpExt.ListenOverflows);
            Counters.Increment(TcpExt.ListenDrops);
            if (!_profile.TcpAbortOnOverflow)
            {
                entry.Acked = true;                      // the timer keeps resending; a later ACK may get in
                step.Outcome = ListenerOutcome.AckDroppedOnOverflow;
                step.Request = tuple;
                return;
            }
            EmbryonicReset(in tuple, in seg, sendReset: true, ref step);
            return;
        }
        var gone = _synQueue.Remove(in tuple);
        _acceptQueue.Add(in tuple);
        _admitted++;
        Ended(in tuple, gone.BornAt, ListenerOutcome.Admitted, ref step);
        step.Child = new AcceptedConnection(tuple, gone.Iss, gone.Irs, gone.PeerMss, gone.PeerWindowScale,
            gone.SackPermitted, gone.Timestamps, gone.TsRecent, gone.TsOffset, FirstSynAckAt: gone.BornAt,
            SynAckRetransmitted: gone.Retransmitted, FromCookie: false, seg.Window);
    }

    // embryonic_reset: answer with a RST unless the segment was one, and forget the request.
    private void EmbryonicReset(in SocketPair tuple, in Segment seg, bool sendReset, ref ListenerStep step)
    {
        if (sendReset) SendReset(in seg, ref step);
        var gone = _synQueue.Remove(in tuple);
        Counters.Increment(TcpExt.EmbryonicRsts);
        _reset++;
        Ended(in tuple, gone.BornAt, ListenerOutcome.RequestReset, ref step);
    }

    // tcp_in_window over [RCV.NXT, RCV.NXT + window], RCV.NXT = IRS + 1.
    private bool InWindow(in Segment seg, in RequestEntry entry)
    {
        SeqNum start = entry.Irs + 1, end = start + RequestWindow(entry.Timestamps);
        SeqNum seq = seg.Seq, endSeq = seg.EndSeq;
        if (seq == start) return true;
        if (endSeq > start && seq < end) return true;
        return seq == end && seq == endSeq;
    }

    // tcp_paws_reject against ts_recent; a RST passes once the estimated stamp is TCP_PAWS_MSL (60 s) old.
    private bool PawsRejects(in RequestEntry entry, uint tsVal, bool rst)
    {
        if (unchecked((int)(entry.TsRecent - tsVal)) <= 0 || entry.TsRecent == 0) return false;
        return !rst || SynQueue.Timeout(_profile, entry.NumTimeout).Ticks / TimeSpan.TicksPerSecond < 60;
    }

    // tcp_oow_rate_limited: data (or a FIN) without SYN is never limited; the rest share one slot per request.
    private bool OutOfWindowReplyLimited(ref RequestEntry entry, in Segment seg, Instant now)
    {
        if (seg.SeqLength != 0 && !seg.Has(TcpFlags.Syn)) return false;
        if (!entry.OutOfWindowReplyLimited(now, _profile.TcpInvalidRatelimit)) return false;
        Counters.Increment(TcpExt.TCPACKSkippedSynRecv);
        return true;
    }

    // tcp_v4_reqsk_send_ack: <SEQ=ISS+1><ACK=RCV.NXT><CTL=ACK>, timestamps when ts_recent is set.
    private Segment RequestAck(in SocketPair tuple, in RequestEntry entry, Instant now)
    {
        int shift = entry.PeerWindowScale >= 0 ? _profile.WindowScaleShift : 0;
        var window = (ushort)(RequestWindow(entry.Timestamps) >> shift);
        bool ts = entry.TsRecent != 0;
        return new Segment(tuple.LocalAddr, tuple.LocalPort, tuple.RemoteAddr, tuple.RemotePort, entry.Iss + 1,
            entry.Irs + 1, TcpFlags.Ack, window, 0, ts ? TcpOptions.Timestamps : TcpOptions.None,
            TsVal: ts ? TsClock.TsVal(now, entry.TsOffset) : 0, TsEcr: ts ? entry.TsRecent : 0);
    }

    // tcp_rtx_synack: the same SYN-ACK with the current clock in its TSval; counts a retransmitted segment.
    private void ResendSynAck(ref RequestEntry entry, in SocketPair tuple, Instant now, ref ListenerStep step)
    {
        var syn = entry.Options;
        step.Send(SynAck(in tuple, entry.Iss, entry.Irs, in syn, TsClock.TsVal(now, entry.TsOffset)));
        Counters.Increment(TcpExt.RetransSegs);
        entry.Retransmitted = true;
        step.Outcome = ListenerOutcome.SynAckRetransmitted;
        step.Request = tuple;
    }
}
