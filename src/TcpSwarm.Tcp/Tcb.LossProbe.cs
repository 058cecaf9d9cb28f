namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private static readonly TimeSpan TimeoutMin = TimeSpan.FromMilliseconds(2);      // TCP_TIMEOUT_MIN_US

    // Data states, where tcp_write_xmit and tcp_ack schedule probes.
    private bool SendsData =>
        _state is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing
            or TcpState.LastAck;

    // tcp_schedule_loss_probe (RACK-TLP, RFC 8985 §7.2): on a SACK connection in the Open state with data in flight,
    // the retransmit timer becomes a probe timeout of 2·SRTT, plus tcp_rto_min when one segment is in flight (the
    // peer's delayed ACK) or TCP_TIMEOUT_MIN otherwise; TCP_TIMEOUT_INIT without an RTT sample. An earlier RTO wins:
    // its remaining time from the oldest segment's sending, or the whole RTO when an ACK just advanced (advancingRto).
    private bool ScheduleLossProbe(Instant now, bool advancingRto, ref TcbStep step)
    {
        if (!_sack || _caLoss || _sndUna == _sndNxt || !SendsData) return false;
        TimeSpan timeout;
        if (_rtt.HasSample)
            timeout = _rtt.Srtt + _rtt.Srtt + (_flight.Count == 1 ? _profile.TcpRtoMin : TimeoutMin);
        else
            timeout = _profile.TimeoutInit;
        var rtoDelta = advancingRto ? _rto : _rto - (now - _flight.OldestSentAt(now));
        if (rtoDelta > TimeSpan.Zero && rtoDelta < timeout) timeout = rtoDelta;
        _probeArmed = true;
        _probe0Armed = false;
        _rtxAt = now + timeout;
        step.Retransmit = TimerEdit.Set(_rtxAt);
        return true;
    }

    // tcp_send_loss_probe: one probe per tail loss episode, new data if the window allows, else the newest segment
    // again (TCPLossProbes; a retransmission in RetransSegs). The RTO then restarts from now, without backoff.
    private void LossProbe(Instant now, ref TcbStep step)
    {
        _probeArmed = false;
        if (_sndUna == _sndNxt || !SendsData) return;
        if (_tlpOutstanding)
        {
            // tcp_rearm_rto from a probe timer: what is left of the RTO of the oldest segment, at least a tick.
            var left = _rto - (now - _flight.OldestSentAt(now));
            ArmRetransmit(now + (left > Jiffy ? left : Jiffy), ref step);
            return;
        }
        var before = _sndNxt;
        if (!(CanSendData && SendSegment(now, ref step) && _sndNxt != before)) ResendNewest(now, ref step);
        step.Counters.Add(TcpExt.TCPLossProbes);
        (_tlpOutstanding, _tlpHighSeq) = (true, _sndNxt);
        ArmRetransmit(now + _rto, ref step);
    }

    // __tcp_retransmit_skb of the rtx queue's tail: [_lastSegStart, SND.NXT), PSH if it emptied the send queue, with
    // the FIN if the FIN is what SND.NXT counts last.
    private void ResendNewest(Instant now, ref TcbStep step)
    {
        bool fin = _finQueued && _sndNxt == _writeSeq + 1;
        int length = (_sndNxt - _lastSegStart) - (fin ? 1 : 0);
        var flags = TcpFlags.Ack;
        if (length > 0 && _lastSegStart + length == _writeSeq) flags |= TcpFlags.Psh;
        if (fin) flags |= TcpFlags.Fin;
        if (_rttTiming) _rttTiming = false;              // Karn: the timed segment may be this one
        Resend(Build(_lastSegStart, _rcvNxt, flags, length, now), ref step);
    }
}
