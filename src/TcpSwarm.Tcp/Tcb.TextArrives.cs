namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    // §3.10.7.4, seventh check (tcp_data_queue). Duplicate data enters quick-ACK mode and is ACKed at once; data beyond
    // RCV.NXT is kept out of order and ACKed at once (tcp_data_queue_ofo); in-order data schedules an ACK that Finish
    // sends as __tcp_ack_snd_check decides (Tcb.DelayedAck.cs), at once if it filled a hole (RFC 5681 §4.2).
    private void TextArrives(in Segment seg, Instant now, ref TcbStep step)
    {
        if (_state is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)) return;  // past their FIN
        var end = seg.Seq + seg.Length;
        if (_orphan && end > _rcvNxt) { AbortOnData(in seg, ref step); return; }
        if (end <= _rcvNxt)
        {
            EnterQuickAckMode();
            _ackNow = true;
            return;
        }
        end = Earlier(end, _rcvNxt + _rcvWnd);           // what lies beyond our window is trimmed
        if (seg.Seq > _rcvNxt)
        {
            QueueOutOfOrder(seg.Seq, end, seg.Has(TcpFlags.Fin) && end == seg.Seq + seg.Length);
            return;
        }
        int bytes = end - _rcvNxt;
        _rcvNxt = end;
        Deliver(bytes, ref step);
        DataReceived(bytes, now);
        _ackLater = true;
        if (_ofo.IsEmpty) return;
        TakeOutOfOrder(ref step);
        _ackNow = true;                                  // a hole filled or still open: ACK at once
    }

    // tcp_data_queue_ofo: kept (or dropped when the queue has no room), and a duplicate ACK at once.
    private void QueueOutOfOrder(SeqNum start, SeqNum end, bool fin)
    {
        _ofo.Add(start, end, fin);
        _queuedOutOfOrder = true;
        _ackPending = true;
        _ackNow = true;
    }

    // tcp_ofo_queue: what the new RCV.NXT reaches moves to the receive queue, a FIN among it taken in turn.
    private void TakeOutOfOrder(ref TcbStep step)
    {
        while (_ofo.TryTake(_rcvNxt, out var end, out bool fin))
        {
            if (end > _rcvNxt)
            {
                int bytes = end - _rcvNxt;
                _rcvNxt = end;
                Deliver(bytes, ref step);
            }
            if (fin) { TakeFin(ref step); return; }
        }
    }

    private void Deliver(int bytes, ref TcbStep step)
    {
        _readable = (int)Math.Min((long)_readable + bytes, int.MaxValue);
        _bytesReceived += bytes;
        step.Events |= TcbEvents.DataArrived;
    }

    // New data after close() in FIN_WAIT_1/2 (tcp_rcv_state_process with RCV_SHUTDOWN): RFC 1122 asks for a RST. Linux
    // resets itself (tcp_reset, ECONNRESET) and answers the segment as tcp_v4_send_reset does: <SEQ=SEG.ACK><CTL=RST>.
    private void AbortOnData(in Segment seg, ref TcbStep step)
    {
        step.Counters.Add(TcpExt.TCPAbortOnData);
        Emit(Rst.For(in seg), ref step);
        Die(TcpError.ConnReset, ref step);
    }

    // §3.10.7.4, eighth check (tcp_fin): a FIN at RCV.NXT counts; one beyond it waits in the out-of-order queue.
    private void FinArrives(in Segment seg, ref TcbStep step)
    {
        if (_queuedOutOfOrder) return;                   // queued with its data
        var finSeq = seg.Seq + seg.Length;
        if (finSeq != _rcvNxt)
        {
            if (finSeq > _rcvNxt && _state is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
                QueueOutOfOrder(finSeq, finSeq, fin: true);
            return;
        }
        if (_state is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)) return;
        TakeFin(ref step);
    }

    private void TakeFin(ref TcbStep step)
    {
        _rcvNxt += 1;
        _ofo.Clear();                                    // tcp_fin: nothing after the FIN is kept
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
