namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    // §3.10.7.4, seventh check (tcp_data_queue): in-order text only (no out-of-order queue; see Tcb.cs). Duplicate or
    // out-of-order data enters quick-ACK mode and is ACKed at once; in-order data schedules an ACK that Finish sends
    // as __tcp_ack_snd_check decides (Tcb.DelayedAck.cs), unless a segment we send carries it first.
    private void TextArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (_state is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)) return;  // past their FIN
        var end = seg.Seq + seg.Length;
        if (_orphan && end > _rcvNxt) { AbortOnData(in seg, ref step); return; }
        if (seg.Seq > _rcvNxt || end <= _rcvNxt)
        {
            EnterQuickAckMode();
            _ackNow = true;
            return;
        }
        end = Earlier(end, _rcvNxt + _rcvWnd);           // what lies beyond our window is trimmed
        int bytes = end - _rcvNxt;
        _rcvNxt = end;
        _readable = (int)Math.Min((long)_readable + bytes, int.MaxValue);
        _bytesReceived += bytes;
        step.Events |= TcbEvents.DataArrived;
        DataReceived(bytes, now);
        _ackLater = true;
    }

    // New data after close() in FIN_WAIT_1/2 (tcp_rcv_state_process with RCV_SHUTDOWN): RFC 1122 asks for a RST. Linux
    // resets itself (tcp_reset, ECONNRESET) and answers the segment as tcp_v4_send_reset does: <SEQ=SEG.ACK><CTL=RST>.
    private void AbortOnData(in Segment seg, ref TcbStep step)
    {
        step.Counters.Add(TcpExt.TCPAbortOnData);
        Emit(ResetFor(in seg), ref step);
        Die(TcpError.ConnReset, ref step);
    }

    // §3.10.7.4, eighth check (tcp_fin): only a FIN at RCV.NXT counts; one beyond it is out of order.
    private void FinArrives(in Segment seg, ref TcbStep step)
    {
        var finSeq = seg.Seq + seg.Length;
        if (finSeq != _rcvNxt)
        {
            if (finSeq > _rcvNxt) _ackNow = true;
            return;
        }
        if (_state is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)) return;
        _rcvNxt += 1;
        step.Events |= TcbEvents.PeerClosed;
        switch (_state)
        {
            case TcpState.Established:
                _state = TcpState.CloseWait;
                _pingpong = PingpongThresh;              // inet_csk_enter_pingpong_mode: the ACK may wait for our FIN,
                _ackPending = _ackLater = true;          // for the ATO (the next tick if no data ever came)
                break;
            case TcpState.FinWait1:
                _state = TcpState.Closing;               // a simultaneous close: our FIN is not acked yet
                _ackNow = true;
                break;
            default:
                EnterTimeWait(ref step);                 // FIN_WAIT_2
                _ackNow = true;
                break;
        }
    }
}
