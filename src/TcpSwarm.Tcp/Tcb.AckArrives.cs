namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    // §3.10.7.4, fifth check (tcp_ack, then tcp_rcv_state_process's per-state part). False when the segment is
    // dropped here, or when the ACK ended the connection (CLOSED from LAST_ACK, TIME_WAIT from CLOSING).
    private bool AckArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (_state == TcpState.SynReceived)
        {
            if (!(seg.Ack > _sndUna && seg.Ack <= _sndNxt))
            {
                Emit(Rst.For(in seg), ref step);         // <SEQ=SEG.ACK><CTL=RST>
                return false;
            }
            UpdateTsRecent(in seg, now);
            _state = TcpState.Established;
            step.Events |= TcbEvents.Connected;
            UpdateWindow(in seg);
            HandshakeAcked(seg.Ack, now, ref step);
            return true;
        }
        // An ACK of what we never sent is dropped (tcp_ack's -SKB_DROP_REASON_TCP_ACK_UNSENT_DATA, before ts_recent is
        // touched): silently in ESTABLISHED, where tcp_rcv_established discards it; with a challenge ACK in the other
        // states, from tcp_rcv_state_process.
        if (seg.Ack > _sndNxt)
        {
            if (_state != TcpState.Established) ChallengeAck(now, ref step);
            return false;
        }
        if (seg.Ack < _sndUna) return true;              // an old ACK: ignored, the text still counts
        _lastAckRecv = now;
        _probesOut = 0;                                  // tcp_ack: the peer answers
        bool nothingInFlight = _sndUna == _sndNxt;
        UpdateTsRecent(in seg, now);
        UpdateWindow(in seg);
        if (seg.Ack > _sndUna) NewAck(seg.Ack, now, ref step);
        else if (nothingInFlight && SendsData) AckProbe(now, ref step);   // tcp_ack's no_queue: tcp_ack_probe
        if (!FinAcked) return true;
        switch (_state)
        {
            case TcpState.FinWait1:
                _state = TcpState.FinWait2;              // Linux bounds FIN_WAIT_2 for orphans only (tcp_fin_time)
                if (_orphan) ArmFinWait2(now + _profile.TcpFinTimeout, ref step);
                return true;
            case TcpState.Closing:
                EnterTimeWait(ref step);
                return false;
            case TcpState.LastAck:
                SetClosed(ref step);                     // the passive close ends here, without TIME_WAIT
                return false;
            default:
                return true;
        }
    }

    private bool FinAcked => _finQueued && _sndUna == _writeSeq + 1;

    // The end of all we were asked to send: the data, and the FIN once queued.
    private SeqNum SendEnd => _finQueued ? _writeSeq + 1 : _writeSeq;

    // §3.10.7.4: take SEG.WND from the newest segment only (SND.WL1, SND.WL2), scaled by the peer's shift.
    private void UpdateWindow(in Segment seg)
    {
        if (!(_sndWl1 < seg.Seq || (_sndWl1 == seg.Seq && _sndWl2 <= seg.Ack))) return;
        _sndWnd = seg.Window << _sndWscale;
        (_sndWl1, _sndWl2) = (seg.Seq, seg.Ack);
    }

    // SND.UNA advances: one RTT sample if the timed segment is covered (Karn: it was never resent), the backoff is
    // forgotten, and for what is still in flight the loss probe or the RTO re-armed, or the timer stopped
    // (tcp_set_xmit_timer; RFC 6298 §5.2, §5.3).
    private void NewAck(SeqNum ack, Instant now, ref TcbStep step)
    {
        _bytesAcked += DataBetween(_sndUna, ack);
        if (_rttTiming && ack >= _rttSeq)
        {
            _rtt.Sample(now - _rttSentAt, _profile.TcpRtoMin, _profile.TcpRtoMax);
            _rttTiming = false;
        }
        _sndUna = ack;
        _sendFrom = Later(_sendFrom, ack);
        _flight.AckedTo(ack);
        _retransmits = 0;
        _inLoss = false;
        if (_caLoss && ack >= _recoveryEnd) _caLoss = false;
        if (_tlpOutstanding && ack >= _tlpHighSeq) _tlpOutstanding = false;   // tcp_process_tlp_ack, simplified
        _rto = _rtt.Rto;
        if (_sndUna == _sndNxt) ChronoStop(Chrono.Busy, now);           // tcp_clean_rtx_queue emptied the rtx queue
        if (_sndUna == _sndNxt) CancelRetransmit(ref step);
        else if (!ScheduleLossProbe(now, advancingRto: true, ref step)) ArmRetransmit(now + _rto, ref step);
        if (_sndUna == SendEnd && _sndUna - _iss > 1) step.Events |= TcbEvents.AllAcked;
    }

    // Data bytes in [from, to): data lies in [ISS+1, _writeSeq).
    private long DataBetween(SeqNum from, SeqNum to)
    {
        int bytes = Earlier(to, _writeSeq) - Later(from, _iss + 1);
        return bytes > 0 ? bytes : 0;
    }

    private void StartRttTiming(SeqNum end, Instant now) => (_rttTiming, _rttSeq, _rttSentAt) = (true, end, now);
}
