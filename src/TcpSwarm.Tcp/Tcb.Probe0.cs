namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private const int ResourceProbeShiftCap = 10;        // ilog2(TCP_RTO_MAX / TCP_RTO_MIN) + 1: tcp_probe0_when's cap

    // The zero-window probe (persist) timer. Linux runs it on the retransmit timer's slot (ICSK_TIME_PROBE0), so the
    // model does too: armed only while nothing is in flight, it never meets the RTO or the loss probe.
    private bool _probe0Armed;
    private int _probesOut;                              // icsk_probes_out: probes sent since the last ACK
    private int _probe0Backoff;                          // icsk_backoff as the probe timer raises it
    private Instant _probesStamp;                        // icsk_probes_tstamp: the first probe of the episode
    private bool _probesStamped;

    // tcp_check_probe_timer, after tcp_write_xmit sent nothing: data waits, nothing is in flight and no timer is
    // pending, so the probe timer is set at tcp_probe0_base (the RTO, at least TCP_RTO_MIN).
    private void CheckProbeTimer(Instant now, ref TcbStep step)
    {
        if (_sndUna != _sndNxt || _rtxAt != Instant.Never || _writeSeq == _sendFrom || !SendsData) return;
        ArmProbe0(now + Probe0Base, ref step);
    }

    // tcp_ack_probe, for an ACK that found nothing in flight: if the head segment now fits the window the timer goes
    // (the window is open) and the backoff is forgotten; else the timer is set again at the backed-off interval.
    private void AckProbe(Instant now, ref TcbStep step)
    {
        if (_writeSeq == _sendFrom) return;
        if (_sendFrom + Math.Min(_mss, _writeSeq - _sendFrom) <= _sndUna + _sndWnd)
        {
            _probe0Backoff = 0;
            _probesStamped = false;
            if (_probe0Armed) CancelRetransmit(ref step);
        }
        else ArmProbe0(now + ClampProbe0ToUserTimeout(Probe0When, now), ref step);
    }

    // tcp_probe_timer: give up after tcp_retries2 unanswered probes, or once TCP_USER_TIMEOUT has passed since the
    // first; else tcp_send_probe0.
    private void ProbeTimer(Instant now, ref TcbStep step)
    {
        _probe0Armed = false;
        if (_sndUna != _sndNxt || _writeSeq == _sendFrom)
        {
            (_probesOut, _probesStamped) = (0, false);
            return;
        }
        if (!_probesStamped) (_probesStamp, _probesStamped) = (now, true);
        else if (_userTimeout > TimeSpan.Zero && now - _probesStamp >= _userTimeout)
        {
            TimedOut(ref step);
            return;
        }
        int maxProbes = _orphan ? _profile.OrphanRetries(alive: true) : _profile.TcpRetries2;
        if (_probesOut >= maxProbes)
        {
            TimedOut(ref step);
            return;
        }
        SendProbe0(now, ref step);
    }

    // tcp_send_probe0: tcp_write_wakeup sends what of the head segment the window takes (PSH on it), or, with the
    // window shut, an ACK one below SND.UNA that the peer must answer (tcp_xmit_probe_skb). Then the timer
    // again, doubling, unless data is now in flight.
    private void SendProbe0(Instant now, ref TcbStep step)
    {
        int fits = (_sndUna + _sndWnd) - _sendFrom;
        if (fits > 0)
        {
            int length = Math.Min(Math.Min(fits, _mss), _writeSeq - _sendFrom);
            Emit(Build(_sendFrom, _rcvNxt, TcpFlags.Psh | TcpFlags.Ack, length, now), ref step);
            DataSent(now);
            _lastDataSent = now;
            var end = _sendFrom + length;
            (_sendFrom, _lastSegStart) = (end, _sndNxt);
            if (!_rttTiming) StartRttTiming(end, now);
            _flight.Sent(end, now);
            _sndNxt = end;
        }
        else
        {
            Emit(Build(_sndUna - 1, _rcvNxt, TcpFlags.Ack, 0, now), ref step);   // TCPWinProbe: not counted here
        }
        if (_sndUna != _sndNxt)
        {
            (_probesOut, _probe0Backoff, _probesStamped) = (0, 0, false);
            ArmRetransmit(now + _rto, ref step);
            return;
        }
        _probesOut++;
        if (_probe0Backoff < _profile.TcpRetries2) _probe0Backoff++;
        ArmProbe0(now + ClampProbe0ToUserTimeout(Probe0When, now), ref step);
    }

    private TimeSpan Probe0Base => _rto > _profile.TcpRtoMin ? _rto : _profile.TcpRtoMin;

    // tcp_probe0_when: the base doubled per backoff (at most 2^10), no more than TCP_RTO_MAX.
    private TimeSpan Probe0When
    {
        get
        {
            var when = Probe0Base * (1L << Math.Min(_probe0Backoff, ResourceProbeShiftCap));
            return when < _profile.TcpRtoMax ? when : _profile.TcpRtoMax;
        }
    }

    // tcp_clamp_probe0_to_user_timeout: no later than TCP_USER_TIMEOUT after the first probe, at least
    // TCP_TIMEOUT_MIN.
    private TimeSpan ClampProbe0ToUserTimeout(TimeSpan when, Instant now)
    {
        if (_userTimeout <= TimeSpan.Zero || !_probesStamped) return when;
        var remaining = _userTimeout - (now - _probesStamp);
        if (remaining < TimeoutMin) remaining = TimeoutMin;
        return remaining < when ? remaining : when;
    }

    private void ArmProbe0(Instant at, ref TcbStep step)
    {
        (_rtxAt, _probeArmed, _probe0Armed) = (at, false, true);
        step.Retransmit = TimerEdit.Set(at);
    }
}
