namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    /// <summary>RFC 9293 §3.10.1, active OPEN (tcp_connect): send the SYN, arm the RTO at TCP_TIMEOUT_INIT.</summary>
    public TcbStep Open(Instant now)
    {
        var step = Begin();
        if (_state != TcpState.Closed || _sndNxt != _iss) return Finish(now, ref step);    // a Tcb opens once
        _state = TcpState.SynSent;
        _sndNxt = _sendFrom = _writeSeq = _iss + 1;
        StartRttTiming(_iss + 1, now);
        _flight.Sent(_iss + 1, now);
        Emit(Syn(TcpFlags.Syn, now), ref step);
        ArmRetransmit(now + _rto, ref step);
        return Finish(now, ref step);
    }

    // §3.10.7.3. All we have sent is our SYN, so SND.NXT = ISS+1 and that is the one acceptable ACK.
    private void SynSentArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        bool ack = seg.Has(TcpFlags.Ack), rst = seg.Has(TcpFlags.Rst);
        if (ack && seg.Ack != _iss + 1)                  // e.g. the SYN-ACK to an old duplicate SYN
        {
            if (!rst) Emit(Rst.For(in seg), ref step);   // <SEQ=SEG.ACK><CTL=RST>
            return;
        }
        if (rst)                                         // without an acceptable ACK: dropped
        {
            if (ack) Die(TcpError.ConnRefused, ref step);    // tcp_reset in SYN_SENT: ECONNREFUSED
            return;
        }
        if (!seg.Has(TcpFlags.Syn)) return;              // neither SYN nor RST: dropped
        if (!ack && _tsRecentReused && seg.HasTimestamps && !PawsPasses(seg.TsVal, 0, now)) return;
        _irs = seg.Seq;
        _rcvNxt = _lastAckSent = seg.Seq + 1;            // the SYN occupies one sequence number
        Agree((seg.Options & TcpOptions.Mss) != 0 ? seg.Mss : 0,
            (seg.Options & TcpOptions.WindowScale) != 0 ? seg.WindowScale : -1,
            _profile.TcpSack && (seg.Options & TcpOptions.SackPermitted) != 0,
            _profile.TcpTimestamps != 0 && seg.HasTimestamps, passive: false);
        if (_timestamps) (_tsRecent, _tsRecentStamp) = (seg.TsVal, now);
        _sndWnd = seg.Window;                            // a SYN's window is never scaled (RFC 7323 §2.2)
        (_sndWl1, _sndWl2) = (seg.Seq, seg.Ack);
        if (!ack) { SimultaneousOpen(now, ref step); return; }
        _state = TcpState.Established;
        step.Events |= TcbEvents.Connected;
        HandshakeAcked(seg.Ack, now, ref step);
        SendAck(now, ref step);                          // tcp_finish_connect, then at once: <SEQ=SND.NXT><ACK=RCV.NXT>
    }

    // Crossed SYNs (§3.10.7.3, "if the SYN bit is on" without ACK). Linux keeps this full socket in SYN_RECV and sends
    // a SYN-ACK with its own ISS (tcp_send_synack): not a retransmission, and the SYN's RTO keeps running.
    private void SimultaneousOpen(Instant now, ref TcbStep step)
    {
        _state = TcpState.SynReceived;
        Emit(Syn(TcpFlags.Syn | TcpFlags.Ack, now), ref step);
    }

    // The peer acknowledged our SYN: the RTO for data follows the handshake (tcp_init_transfer). A SYN that was resent
    // gave no RTT sample (Karn), so the RTO falls back to TCP_TIMEOUT_FALLBACK (RFC 6298 §5.7).
    private void HandshakeAcked(SeqNum ack, Instant now, ref TcbStep step)
    {
        if (_retransmits > 0 && !_rtt.HasSample) _rtt.Restart(_profile.TimeoutFallback);
        NewAck(ack, now, ref step);
    }

    // Our SYN or SYN-ACK: every option the profile offers (tcp_syn_options), the initial window unscaled
    // (tcp_connect_init: the MSS itself, as no ts_recent is known yet).
    private Segment Syn(TcpFlags flags, Instant now)
    {
        var options = TcpOptions.Mss;
        if (_profile.TcpWindowScaling) options |= TcpOptions.WindowScale;
        if (_profile.TcpSack) options |= TcpOptions.SackPermitted;
        bool ts = _profile.TcpTimestamps != 0;
        if (ts) options |= TcpOptions.Timestamps;
        return new Segment(_tuple.LocalAddr, _tuple.LocalPort, _tuple.RemoteAddr, _tuple.RemotePort,
            _iss, (flags & TcpFlags.Ack) != 0 ? _rcvNxt : default, flags,
            (ushort)_profile.InitialWindow(AdvMss), 0, options, (ushort)AdvMss,
            _profile.TcpWindowScaling ? _profile.WindowScaleShift : (byte)0,
            ts ? TsClock.TsVal(now, _tsOffset) : 0, ts ? _tsRecent : 0);
    }
}
