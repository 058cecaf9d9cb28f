using System.Numerics;

namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private static readonly TimeSpan RtoBase = TimeSpan.FromMilliseconds(200);   // TCP_RTO_MIN, the constant

    /// <summary>The earliest deadline of the socket's timers; <see cref="Instant.Never"/> when none is armed.</summary>
    public Instant NextDeadline => Instant.Min(_rtxAt, Instant.Min(_delAckAt, _finWait2At));

    /// <summary>One timer's deadline; <see cref="Instant.Never"/> when it is off.</summary>
    public Instant Deadline(TcbTimer timer) => timer switch
    {
        TcbTimer.Retransmit => _rtxAt,
        TcbTimer.DelayedAck => _delAckAt,
        _ => _finWait2At,
    };

    /// <summary>RFC 9293 §3.10.8, timeouts: <paramref name="timer"/> fires if its deadline is <paramref name="now"/>.
    /// </summary>
    /// <remarks>A call for a deadline re-armed or cancelled since (a wake-up the caller queued earlier) is stale and
    /// changes nothing: the empty step it returns sends nothing and edits no timer. The timers are separate events
    /// (a retransmission may make a delayed ACK due at the same instant moot), so each has its own call.</remarks>
    public TcbStep OnTimeout(TcbTimer timer, Instant now)
    {
        if (Deadline(timer) != now || now == Instant.Never) return new TcbStep(_state);
        var step = Begin();
        switch (timer)
        {
            case TcbTimer.Retransmit:
                _rtxAt = Instant.Never;
                if (_probe0Armed) ProbeTimer(now, ref step);                        // Tcb.Probe0.cs
                else if (_probeArmed) LossProbe(now, ref step);
                else RetransmitTimeout(now, ref step);
                break;
            case TcbTimer.DelayedAck:
                _delAckAt = Instant.Never;
                DelayedAckTimeout(now, ref step);
                break;
            default:
                _finWait2At = Instant.Never;
                // tcp_fin_timeout: no RST, no TIME_WAIT
                if (_state == TcpState.FinWait2 && _orphan) SetClosed(ref step);
                break;
        }
        return Finish(now, ref step);
    }

    // tcp_retransmit_timer. TCPTimeouts counts every expiry, the last one (which gives up) included.
    private void RetransmitTimeout(Instant now, ref TcbStep step)
    {
        if (_sndUna == _sndNxt || _state is TcpState.Closed or TcpState.TimeWait) return;    // nothing in flight
        step.Counters.Add(TcpExt.TCPTimeouts);
        if (_state == TcpState.SynSent) SynTimeout(now, ref step);
        else if (_sndUna == _iss) SynAckTimeout(now, ref step);     // SYN_RCVD of a simultaneous open
        else DataTimeout(now, ref step);
    }

    // tcp_write_timeout in SYN_SENT: give up after tcp_syn_retries + tcp_syn_linear_timeouts resends, or once the first
    // SYN is older than the time budget of tcp_syn_retries (SynBudgetSpent), whichever comes first. The RTO stays put
    // for the first tcp_syn_linear_timeouts expiries and doubles after (the count is raised before the test).
    private void SynTimeout(Instant now, ref TcbStep step)
    {
        if (_retransmits >= _profile.TcpSynRetries + _profile.TcpSynLinearTimeouts || SynBudgetSpent(now))
        {
            TimedOut(ref step);
            return;
        }
        _retransmits++;
        _rttTiming = false;                              // Karn: no sample from a resent SYN
        Resend(Syn(TcpFlags.Syn, now), ref step);
        if (_retransmits > _profile.TcpSynLinearTimeouts) BackOff();
        ArmRetransmit(now + ClampRtoToUserTimeout(now, _flight.OldestSentAt(now)), ref step);
    }

    // tcp_write_timeout in SYN_RCVD (the full socket of a simultaneous open): tcp_syn_retries, always doubling.
    private void SynAckTimeout(Instant now, ref TcbStep step)
    {
        if (_retransmits >= _profile.TcpSynRetries || SynBudgetSpent(now))
        {
            TimedOut(ref step);
            return;
        }
        _retransmits++;
        _rttTiming = false;
        Resend(Syn(TcpFlags.Syn | TcpFlags.Ack, now), ref step);
        BackOff();
        ArmRetransmit(now + ClampRtoToUserTimeout(now, _flight.OldestSentAt(now)), ref step);
    }

    // retransmits_timed_out(tcp_syn_retries) in a SYN state: after a resend, the first SYN may be at most
    // tcp_model_timeout(n, TCP_TIMEOUT_INIT) old, (2^(n+1) - 1) initial RTOs. With the linear retries of 6.x this is
    // what ends a connect for tcp_syn_retries 1 (3 s) and 2 (7 s); from 3 on the count ends it first or together.
    // With TCP_USER_TIMEOUT the timeout replaces that budget (retransmits_timed_out's timeout argument).
    private bool SynBudgetSpent(Instant now) => _retransmits > 0 && now - _flight.OldestSentAt(now)
        >= (_userTimeout > TimeSpan.Zero
            ? _userTimeout
            : ModelTimeout(_profile.TcpSynRetries, _profile.TcpRtoMax, _profile.TimeoutInit));

    // Synchronized states: give up once the oldest unacknowledged segment has waited tcp_model_timeout(boundary)
    // since it was first sent (tcp_retries2, or tcp_orphan_retries for an orphan); else go back to SND.UNA, resend
    // one segment (the loss window) and double the RTO up to its ceiling.
    private void DataTimeout(Instant now, ref TcbStep step)
    {
        int boundary = _orphan ? _profile.OrphanRetries(alive: _rto < _profile.TcpRtoMax) : _profile.TcpRetries2;
        var budget = _userTimeout > TimeSpan.Zero ? _userTimeout : ModelTimeout(boundary, _profile.TcpRtoMax, RtoBase);
        if (_retransmits > 0 && now - _retransStamp >= budget)
        {
            TimedOut(ref step);
            return;
        }
        if (_retransmits == 0) _retransStamp = _flight.OldestSentAt(now);
        _retransmits++;
        _rttTiming = false;
        _inLoss = true;
        (_caLoss, _recoveryEnd) = (true, _sndNxt);      // tcp_enter_loss
        _sendFrom = _sndUna;
        SendSegment(now, ref step);
        BackOff();
        ArmRetransmit(now + ClampRtoToUserTimeout(now, _retransStamp), ref step);
    }

    // tcp_clamp_rto_to_user_timeout: with TCP_USER_TIMEOUT the next expiry comes no later than the timeout, measured
    // from the first sending of what is unacknowledged; once past it, at the next tick.
    private TimeSpan ClampRtoToUserTimeout(Instant now, Instant since)
    {
        if (_userTimeout <= TimeSpan.Zero) return _rto;
        var remaining = _userTimeout - (now - since);
        if (remaining <= TimeSpan.Zero) return Jiffy;
        return remaining < _rto ? remaining : _rto;
    }

    // tcp_model_timeout: how long `boundary` doublings from rtoBase take, linear once they reach the ceiling. The base
    // is TCP_RTO_MIN for data (924.6 s for tcp_retries2 = 15, 102.2 s for the 8 orphan retries, with a 120 s ceiling)
    // and TCP_TIMEOUT_INIT in the SYN states (127 s for tcp_syn_retries = 6).
    internal static TimeSpan ModelTimeout(int boundary, TimeSpan rtoMax, TimeSpan rtoBase)
    {
        int thresh = BitOperations.Log2((ulong)(rtoMax.Ticks / rtoBase.Ticks));
        return boundary <= thresh
            ? TimeSpan.FromTicks(rtoBase.Ticks * ((2L << boundary) - 1))
            : TimeSpan.FromTicks(rtoBase.Ticks * ((2L << thresh) - 1) + rtoMax.Ticks * (boundary - thresh));
    }

    private void BackOff()
    {
        var doubled = _rto + _rto;
        _rto = doubled < _profile.TcpRtoMax ? doubled : _profile.TcpRtoMax;
    }

    // tcp_write_err: ETIMEDOUT, the socket is done.
    private void TimedOut(ref TcbStep step)
    {
        step.Counters.Add(TcpExt.TCPAbortOnTimeout);
        Die(TcpError.TimedOut, ref step);
    }

    private void ArmRetransmit(Instant at, ref TcbStep step)
    {
        _rtxAt = at;
        _probeArmed = _probe0Armed = false;
        step.Retransmit = TimerEdit.Set(at);
    }

    private void CancelRetransmit(ref TcbStep step)
    {
        if (_rtxAt == Instant.Never) return;
        _rtxAt = Instant.Never;
        _probeArmed = _probe0Armed = false;
        step.Retransmit = TimerEdit.Cancel;
    }

    private void ArmFinWait2(Instant at, ref TcbStep step)
    {
        _finWait2At = at;
        step.FinWait2 = TimerEdit.Set(at);
    }

    // Every segment carrying an ACK makes a pending delayed ACK moot (tcp_event_ack_sent).
    private void CancelDelayedAck(ref TcbStep step)
    {
        if (_delAckAt == Instant.Never) return;
        _delAckAt = Instant.Never;
        step.DelayedAck = TimerEdit.Cancel;
    }

    private void CancelTimers(ref TcbStep step)
    {
        CancelRetransmit(ref step);
        CancelDelayedAck(ref step);
        if (_finWait2At == Instant.Never) return;
        _finWait2At = Instant.Never;
        step.FinWait2 = TimerEdit.Cancel;
    }
}
