namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private TcbStep Begin()
    {
        _ackNow = _ackLater = _ackedThisStep = _queuedOutOfOrder = false;
        return new TcbStep(_state);
    }

    // Every event ends here: send what the windows allow, then the ACK the event asked for (at once, or as
    // __tcp_ack_snd_check decides, unless a segment already carried it); a socket that reached CLOSED or TIME_WAIT
    // leaves no timer behind.
    private TcbStep Finish(Instant now, ref TcbStep step)
    {
        if (CanSendData) Transmit(now, ref step);
        bool ackable = _state is not (TcpState.Closed or TcpState.SynSent or TcpState.Listen);
        if (ackable && _ackNow && !_ackedThisStep) SendAck(now, ref step);
        else if (ackable && _ackLater && !_ackedThisStep && _state != TcpState.TimeWait) AckSndCheck(now, ref step);
        if (_state is TcpState.Closed or TcpState.TimeWait) CancelTimers(ref step);
        step.To = _state;
        return step;
    }

    // Data flows once our SYN is acknowledged and until our FIN is out; not while the loss window is spent.
    private bool CanSendData =>
        _state is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing
            or TcpState.LastAck
        && _sndUna != _iss && !_inLoss;

    // tcp_write_xmit without congestion control (see Tcb.cs); new data arms the loss probe in place of the RTO.
    private void Transmit(Instant now, ref TcbStep step)
    {
        var before = _sndNxt;
        bool unsent = _writeSeq > _sendFrom;
        _burst = 0;
        while (step.SendCount < StepCapacity && SendSegment(now, ref step)) _burst++;
        _burst = 0;
        if (unsent) RwndLimitedCheck(now);
        if (unsent && _sndNxt == before) CheckProbeTimer(now, ref step);
        if (_sndNxt != before) ScheduleLossProbe(now, advancingRto: false, ref step);
    }

    // One segment from _sendFrom: at most one MSS, inside the initial window and the peer's window. PSH marks the one
    // that empties the send queue (tcp_push's tcp_mark_push on the tail); the FIN rides on it (tcp_send_fin onto the
    // unsent tail) or goes alone. The FIN is never held back by a window (it carries no data). A burst of several
    // segments is one TSO packet in Linux, and __tcp_transmit_skb forces PSH on every packet of more than one MSS
    // (tcp_skb_pcount > 1, since 5.6): GSO leaves it on the last piece, so the last segment of a window-limited burst
    // carries PSH too.
    private bool SendSegment(Instant now, ref TcbStep step)
    {
        var from = _sendFrom;
        int queued = _writeSeq - from;
        int length = 0;
        var flags = TcpFlags.Ack;
        if (queued > 0)
        {
            // The initial window in bytes (no congestion control), then tcp_snd_wnd_test: the segment must fit the
            // peer's window whole; what does not fit waits for a window update or the probe timer (Tcb.Probe0.cs).
            int room = _profile.InitialWindowSegments * _mss - (from - _sndUna);
            if (room <= 0) return false;
            length = Math.Min(Math.Min(_mss, queued), room);
            int window = (_sndUna + _sndWnd) - from;
            if (from < _sndNxt) length = Math.Min(length, window);    // a resend is cut to it (tcp_retransmit_skb)
            if (length <= 0 || length > window) return false;
            if (length == queued) flags |= _finQueued ? TcpFlags.Psh | TcpFlags.Fin : TcpFlags.Psh;
            else if (_burst > 0 && NextWaits(from, length, queued, room, in step)) flags |= TcpFlags.Psh;
        }
        else if (queued == 0 && _finQueued) flags |= TcpFlags.Fin;
        else return false;

        bool again = from < _sndNxt;
        if (again)
        {
            step.Retransmissions++;
            step.Counters.Add(TcpExt.RetransSegs);
            _totalRetrans++;
        }
        Emit(Build(from, _rcvNxt, flags, length, now), ref step);
        if (length > 0)
        {
            DataSent(now);
            _lastDataSent = now;
        }
        var end = from + length + ((flags & TcpFlags.Fin) != 0 ? 1 : 0);
        _sendFrom = end;
        if (end > _sndNxt)
        {
            _lastSegStart = from;
            if (!_rttTiming && !again) StartRttTiming(end, now);
            _flight.Sent(end, now);
            _sndNxt = end;
        }
        if (_rtxAt == Instant.Never || _probe0Armed) ArmRetransmit(now + _rto, ref step);     // RFC 6298 §5.1
        return true;
    }

    // The burst ends after this segment: the initial window, the step's room or the peer's window stops the next.
    // Asked only of a burst's later segments that leave data queued, so the common segment does not pay for it.
    private bool NextWaits(SeqNum from, int length, int queued, int room, in TcbStep step) =>
        room - length <= 0 || step.SendCount + 1 >= StepCapacity
        || from + length + Math.Min(_mss, queued - length) > _sndUna + _sndWnd;

    private void Resend(in Segment seg, ref TcbStep step)
    {
        _totalRetrans++;
        step.Retransmissions++;
        step.Counters.Add(TcpExt.RetransSegs);
        Emit(in seg, ref step);
    }

    private void SendAck(Instant now, ref TcbStep step) =>
        Emit(Build(_sndNxt, _rcvNxt, TcpFlags.Ack, 0, now), ref step);

    // Every segment leaves here: a RST is counted (Tcp OutRsts); an ACK records what it acknowledged.
    private void Emit(in Segment seg, ref TcbStep step)
    {
        step.Send(in seg);
        if ((seg.Flags & TcpFlags.Rst) != 0)
        {
            step.Counters.Add(TcpExt.OutRsts);
            return;
        }
        if ((seg.Flags & TcpFlags.Ack) == 0) return;
        _ackedThisStep = true;
        _lastAckSent = seg.Ack;
        if (seg.Ack == _rcvNxt) AckSent();
        CancelDelayedAck(ref step);
    }

    // A segment of this connection after the handshake: our window (scaled), and timestamps if both sides use them.
    private Segment Build(SeqNum seq, SeqNum ack, TcpFlags flags, int length, Instant now) =>
        new(_tuple.LocalAddr, _tuple.LocalPort, _tuple.RemoteAddr, _tuple.RemotePort, seq, ack, flags,
            (ushort)Math.Min(_rcvWnd >> _rcvWscale, ushort.MaxValue), (ushort)length,
            _timestamps ? TcpOptions.Timestamps : TcpOptions.None,
            TsVal: _timestamps ? TsClock.TsVal(now, _tsOffset) : 0, TsEcr: _timestamps ? _tsRecent : 0);
}
