namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private const int PawsWindow = 1;                    // TCP_PAWS_WINDOW: one tick of slack
    private static readonly TimeSpan Paws24Days = TimeSpan.FromDays(24);    // TCP_PAWS_24DAYS: ts_recent expires

    /// <summary>RFC 9293 §3.10.7, SEGMENT ARRIVES: a segment the host routed to this socket.</summary>
    public TcbStep Handle(in Segment seg, Instant now)
    {
        var step = Begin();                              // the state first, then the acceptability test
        switch (_state)
        {
            case TcpState.Closed: RefuseClosed(in seg, ref step); break;              // §3.10.7.1
            case TcpState.SynSent: SynSentArrives(in seg, now, ref step); break;      // §3.10.7.3
            case TcpState.Listen or TcpState.TimeWait: break;    // the listener's and the host's, never a Tcb's
            default: SynchronizedArrives(in seg, now, ref step); break;              // §3.10.7.4
        }
        return Finish(now, ref step);
    }

    // §3.10.7.4 in tcp_validate_incoming's order: PAWS, sequence, RST, SYN; then ACK, text and FIN.
    private void SynchronizedArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (CompletesSimultaneousOpen(in seg)) { SimultaneousSynAckArrives(in seg, now, ref step); return; }
        if (PawsRejects(in seg, now) && !DisorderedAck(in seg, now)) { PawsRejected(in seg, now, ref step); return; }
        if (!IsAcceptable(in seg)) { Unacceptable(in seg, now, ref step); return; }
        if (seg.Has(TcpFlags.Rst)) { RstArrives(in seg, now, ref step); return; }    // RFC 5961 §3: exact, or challenge
        if (seg.Has(TcpFlags.Syn)) { SynChallenge(now, ref step); return; }         // RFC 5961 §4
        if (!seg.Has(TcpFlags.Ack)) return;              // the fifth check: no ACK bit, dropped
        if (!AckArrives(in seg, now, ref step)) return;  // dropped, or the ACK ended the connection
        if (seg.Length > 0) TextArrives(in seg, now, ref step);
        if (seg.Has(TcpFlags.Fin) && _state != TcpState.Closed) FinArrives(in seg, ref step);   // after its data
    }

    // §3.10.7.1: in CLOSED every segment but a RST is answered with a RST.
    private void RefuseClosed(in Segment seg, ref TcbStep step)
    {
        if (!seg.Has(TcpFlags.Rst)) Emit(Rst.For(in seg), ref step);
    }

    // §3.10.7.4, first check: the four cases on SEG.LEN (SYN and FIN included) and RCV.WND.
    private bool IsAcceptable(in Segment seg)
    {
        int length = seg.SeqLength;
        var windowEnd = _rcvNxt + _rcvWnd;
        if (_rcvWnd == 0) return length == 0 && seg.Seq == _rcvNxt;
        if (length == 0) return seg.Seq.InRange(_rcvNxt, windowEnd);
        return seg.Seq.InRange(_rcvNxt, windowEnd) || (seg.Seq + (length - 1)).InRange(_rcvNxt, windowEnd);
    }

    // Not acceptable: a RST is dropped in silence (RFC 5961 §3.2); a SYN gets a challenge ACK (tcp_validate_incoming's
    // syn_challenge); anything else a duplicate ACK, which tcp_oow_rate_limited holds back for pure ACKs only.
    private void Unacceptable(in Segment seg, Instant now, ref TcbStep step)
    {
        if (seg.Has(TcpFlags.Rst)) return;
        if (seg.Has(TcpFlags.Syn)) { SynChallenge(now, ref step); return; }
        if (seg.SeqLength == 0 && OowRateLimited(now, TcpExt.TCPACKSkippedSeq, ref step)) return;
        SendAck(now, ref step);                          // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
    }

    // RFC 5961 §3.2: only a RST at exactly RCV.NXT resets (tcp_reset); one elsewhere in the window is challenged.
    private void RstArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (seg.Seq != _rcvNxt) { ChallengeAck(now, ref step); return; }
        // In SYN_RCVD this socket came from SYN_SENT (a simultaneous open), so RFC 9293 calls it refused; Linux's
        // tcp_reset says ECONNRESET there, and EPIPE in CLOSE_WAIT, which TcpError reports as ConnReset.
        Die(_state == TcpState.SynReceived ? TcpError.ConnRefused : TcpError.ConnReset, ref step);
    }

    // tcp_send_challenge_ack: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, one per tcp_invalid_ratelimit per socket; the
    // host-wide tcp_challenge_ack_limit is disabled (INT_MAX) since Linux 6.0.
    private void ChallengeAck(Instant now, ref TcbStep step)
    {
        if (OowRateLimited(now, TcpExt.TCPACKSkippedChallenge, ref step)) return;
        step.Counters.Add(TcpExt.TCPChallengeACK);
        SendAck(now, ref step);
    }

    private void SynChallenge(Instant now, ref TcbStep step)
    {
        step.Counters.Add(TcpExt.TCPSYNChallenge);
        ChallengeAck(now, ref step);
    }

    // __tcp_oow_rate_limited: duplicate and challenge ACKs share one timestamp per socket.
    private bool OowRateLimited(Instant now, TcpExt skipped, ref TcbStep step)
    {
        if (_oowAckSent && now - _lastOowAckAt < _profile.TcpInvalidRatelimit)
        {
            step.Counters.Add(skipped);
            return true;
        }
        (_oowAckSent, _lastOowAckAt) = (true, now);
        return false;
    }

    // A SYN-ACK in SYN_RCVD that acks our SYN completes a simultaneous open (tcp_validate_incoming lets it pass).
    private bool CompletesSimultaneousOpen(in Segment seg) =>
        _state == TcpState.SynReceived
        && (seg.Flags & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst | TcpFlags.Fin)) == (TcpFlags.Syn | TcpFlags.Ack)
        && seg.Length == 0 && seg.Seq + 1 == _rcvNxt && seg.Ack == _sndNxt;

    // Its SYN lies before RCV.NXT, so tcp_data_queue takes it for a retransmission and ACKs at once.
    private void SimultaneousSynAckArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (AckArrives(in seg, now, ref step)) _ackNow = true;
    }

    // RFC 7323 §5 (tcp_paws_discard): a TSval older than ts_recent marks an old duplicate. RST is exempt.
    private bool PawsRejects(in Segment seg, Instant now) =>
        _timestamps && seg.HasTimestamps && !seg.Has(TcpFlags.Rst) && !PawsPasses(seg.TsVal, PawsWindow, now);

    // tcp_paws_check: within the window of ts_recent, or ts_recent unset (0) or older than 24 days.
    private bool PawsPasses(uint tsVal, int window, Instant now) =>
        unchecked((int)(_tsRecent - tsVal)) <= window || _tsRecent == 0 || now - _tsRecentStamp > Paws24Days;

    // tcp_disordered_ack (tcp_disordered_ack_check from 6.14): a pure duplicate ACK at RCV.NXT that moves no window
    // and whose TSval lies within the replay window (an RTO's worth of ticks) was merely reordered: it passes PAWS.
    private bool DisorderedAck(in Segment seg, Instant now)
    {
        if (!seg.Has(TcpFlags.Ack) || seg.SeqLength != 0 || seg.Seq != _rcvNxt || seg.Ack != _sndUna) return false;
        if (MayUpdateWindow(in seg)) return false;
        // tcp_tsval_replay: icsk_rto · 1200 / HZ ticks on 6.14 on (1200 Hz peers), icsk_rto · 1024 / HZ before.
        long replay = (long)_rto.TotalMilliseconds * (_profile.PawsOldAck ? 1200 : 1024) / 1000;
        return unchecked((int)(_tsRecent - seg.TsVal)) <= replay;
    }

    // tcp_may_update_window: the ACK advances SND.UNA, or the segment is newer than SND.WL1, or as new and the window
    // grows or is zero.
    private bool MayUpdateWindow(in Segment seg) =>
        seg.Ack > _sndUna || seg.Seq > _sndWl1
        || (seg.Seq == _sndWl1 && ((seg.Window << _sndWscale) > _sndWnd || seg.Window == 0));

    // tcp_validate_incoming's PAWS branch: a SYN is challenged; from 6.14 an old pure ACK (before RCV.NXT) is dropped
    // counting PAWSOldAck; anything else counts PAWSEstab and gets a duplicate ACK (tcp_send_dupack, rate-limited).
    private void PawsRejected(in Segment seg, Instant now, ref TcbStep step)
    {
        if (seg.Has(TcpFlags.Syn)) { SynChallenge(now, ref step); return; }
        if (_profile.PawsOldAck && seg.Has(TcpFlags.Ack) && seg.SeqLength == 0 && seg.Seq < _rcvNxt)
        {
            step.Counters.Add(TcpExt.PAWSOldAck);
            return;
        }
        step.Counters.Add(TcpExt.PAWSEstab);
        if (seg.SeqLength == 0 && OowRateLimited(now, TcpExt.TCPACKSkippedPAWS, ref step)) return;
        SendAck(now, ref step);
    }

    // tcp_replace_ts_recent, from tcp_ack once the ACK is neither old nor ahead of SND.NXT: keep the newest TSval of a
    // segment that starts at or before Last.ACK.sent (RFC 7323 §4.3).
    private void UpdateTsRecent(in Segment seg, Instant now)
    {
        if (!_timestamps || !seg.HasTimestamps || seg.Seq > _lastAckSent || !PawsPasses(seg.TsVal, 0, now)) return;
        (_tsRecent, _tsRecentStamp) = (seg.TsVal, now);
    }
}
