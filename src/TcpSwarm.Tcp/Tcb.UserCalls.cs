namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    /// <summary>RFC 9293 §3.10.2, SEND (write()): queue the bytes and send what the windows allow.</summary>
    /// <remarks>Ignored once the FIN is queued or the socket is closed (EPIPE); before ESTABLISHED the bytes
    /// wait.</remarks>
    public TcbStep Send(int bytes, Instant now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var step = Begin();
        if (bytes > 0 && !_finQueued
            && _state is TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait)
        {
            if (bytes > MaxOutstanding - (_writeSeq - _sndUna))
                throw new ArgumentOutOfRangeException(
                    nameof(bytes), "more than 1 GiB outstanding: write() would block");
            if (_writeSeq == _sendFrom) ChronoStart(Chrono.Busy, now);     // tcp_add_write_queue_tail: queue was empty
            _writeSeq += bytes;
        }
        return Finish(now, ref step);
    }

    /// <summary>RFC 9293 §3.10.3, RECEIVE (read()): take every readable byte; returns how many.</summary>
    public int Read()
    {
        int bytes = _readable;
        _readable = 0;
        return bytes;
    }

    /// <summary>shutdown(SHUT_WR) (tcp_shutdown): a FIN after the queued data; the socket stays attached.</summary>
    public TcbStep Shutdown(Instant now)
    {
        var step = Begin();
        CloseState(ref step);
        return Finish(now, ref step);
    }

    /// <summary>RFC 9293 §3.10.4, CLOSE (close(), __tcp_close): the socket is orphaned; a FIN follows the queued data,
    /// or, with unread data, a RST instead (TCPAbortOnClose).</summary>
    public TcbStep Close(Instant now)
    {
        var step = Begin();
        if (_orphan || _state is TcpState.Closed or TcpState.TimeWait) return Finish(now, ref step);
        _orphan = true;
        if (_readable > 0)
        {
            step.Counters.Add(TcpExt.TCPAbortOnClose);  // unread data was tossed: zap the connection
            ResetAndClose(now, ref step);
            return Finish(now, ref step);
        }
        CloseState(ref step);
        if (_state == TcpState.FinWait2) ArmFinWait2(now + _profile.TcpFinTimeout, ref step);
        return Finish(now, ref step);
    }

    /// <summary>RFC 9293 §3.10.5, ABORT (close() with SO_LINGER 0, tcp_disconnect): a RST, CLOSED, no
    /// TIME_WAIT.</summary>
    /// <remarks>No RST from SYN_SENT; from CLOSING or LAST_ACK only while the FIN is unsent. Unread data takes
    /// close()'s TCPAbortOnClose path first, as in __tcp_close.</remarks>
    public TcbStep Abort(Instant now)
    {
        var step = Begin();
        if (_state is TcpState.Closed or TcpState.TimeWait) return Finish(now, ref step);
        _orphan = true;
        if (_readable > 0)
        {
            step.Counters.Add(TcpExt.TCPAbortOnClose);
            ResetAndClose(now, ref step);
            return Finish(now, ref step);
        }
        // __tcp_close counts TCPAbortOnData after tcp_disconnect for SO_LINGER 0, whatever the state (checked in the
        // kernel source, as docs/model.md says); TCPAbortOnLinger is for TCP_LINGER2 < 0, which is not modelled.
        step.Counters.Add(TcpExt.TCPAbortOnData);
        bool needsReset = (_state is TcpState.Established or TcpState.CloseWait or TcpState.FinWait1
                or TcpState.FinWait2 or TcpState.SynReceived)
            || (_state is TcpState.Closing or TcpState.LastAck && _sndNxt != SendEnd);   // tcp_need_reset
        if (needsReset) ResetAndClose(now, ref step);
        else SetClosed(ref step);
        return Finish(now, ref step);
    }

    /// <summary>Only in TIME_WAIT: the compact record the host keeps (tcp_time_wait); the Tcb is then
    /// dropped.</summary>
    /// <param name="now">The instant of the step that entered TIME_WAIT (tw_entry_stamp).</param>
    public TimeWaitEntry ToTimeWait(Instant now)
    {
        if (_state != TcpState.TimeWait)
            throw new InvalidOperationException(
                $"ToTimeWait in {_state}: only a Tcb in TIME_WAIT has a record to keep");
        return new TimeWaitEntry(_tuple, _sndNxt, _rcvNxt, _timestamps, _tsRecent, _tsRecentStamp, _tsOffset, now);
    }

    // tcp_close_state: ESTABLISHED and SYN_RCVD → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK with a FIN queued after the data;
    // SYN_SENT → CLOSED without a word; the other states have sent their FIN already, or have nothing to close.
    private void CloseState(ref TcbStep step)
    {
        switch (_state)
        {
            case TcpState.SynSent:
                SetClosed(ref step);
                break;
            case TcpState.SynReceived or TcpState.Established:
                _state = TcpState.FinWait1;
                _finQueued = true;
                break;
            case TcpState.CloseWait:
                _state = TcpState.LastAck;
                _finQueued = true;
                break;
        }
    }

    // tcp_send_active_reset: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, then CLOSED with nothing left to time.
    private void ResetAndClose(Instant now, ref TcbStep step)
    {
        if (_state != TcpState.SynSent) Emit(Build(_sndNxt, _rcvNxt, TcpFlags.Rst | TcpFlags.Ack, 0, now), ref step);
        SetClosed(ref step);
    }
}
