namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private const int MaxQuickAcks = 16;                 // TCP_MAX_QUICKACKS
    private const int PingpongThresh = 1;                // net.ipv4.tcp_pingpong_thresh (TCP_PINGPONG_THRESH in 6.1)
    private const int MinRcvMss = 536;                   // TCP_MSS_DEFAULT, the ceiling of the first rcv_mss guess
    private const int MinMss = 88;                       // TCP_MIN_MSS
    private static readonly TimeSpan DelAckMax = TimeSpan.FromMilliseconds(200);        // TCP_DELACK_MAX
    private static readonly TimeSpan AtoCeilingQuiet = TimeSpan.FromMilliseconds(500);  // HZ / 2
    private static readonly TimeSpan Jiffy = TimeSpan.FromMilliseconds(1);              // a timer at "now" (HZ 1000)

    // tcp_initialize_rcv_mss: min(advmss, mss_cache, rcv_wnd / 2, 536), at least 88.
    private static int InitialRcvMss(int advMss, int mssCache, int rcvWnd) =>
        Math.Max(Math.Min(Math.Min(Math.Min(advMss, mssCache), rcvWnd / 2), MinRcvMss), MinMss);

    // tcp_in_quickack_mode: every segment is ACKed at once while quick ACKs are left, unless the session is
    // interactive.
    private bool InQuickAckMode => _quick > 0 && _pingpong < PingpongThresh;

    // tcp_event_data_recv: in-order data arrived. The first data starts quick-ACK mode and the ATO at TCP_ATO_MIN;
    // after that the ATO follows the gaps between arrivals, and a gap longer than the RTO restarts quick ACKs.
    private void DataReceived(int length, Instant now)
    {
        _ackPending = true;                              // inet_csk_schedule_ack
        MeasureRcvMss(length);
        var atoMin = _profile.DelayedAck;
        if (_ato == TimeSpan.Zero)
        {
            IncrQuickAck();
            _ato = atoMin;
        }
        else
        {
            var gap = now - _lrcvTime;
            if (gap <= atoMin / 2) _ato = _ato / 2 + atoMin / 2;
            else if (gap < _ato)
            {
                _ato = _ato / 2 + gap;
                if (_ato > _rto) _ato = _rto;
            }
            else if (gap > _rto) IncrQuickAck();
        }
        _lrcvTime = now;
    }

    // tcp_measure_rcv_mss, without its header arithmetic: a full segment raises the guess, a short one marks a push.
    private void MeasureRcvMss(int length)
    {
        if (length >= _rcvMss) _rcvMss = length;
        else _ackPushed = true;
    }

    // tcp_incr_quickack: rcv_wnd / (2 · rcv_mss) quick ACKs, at least 2, at most TCP_MAX_QUICKACKS.
    private void IncrQuickAck()
    {
        int quickAcks = _rcvWnd / (2 * _rcvMss);
        if (quickAcks == 0) quickAcks = 2;
        quickAcks = Math.Min(quickAcks, MaxQuickAcks);
        if (quickAcks > _quick) _quick = quickAcks;
    }

    // tcp_enter_quickack_mode: a duplicate or out-of-window segment; ACK the next segments at once.
    private void EnterQuickAckMode()
    {
        IncrQuickAck();
        _pingpong = 0;
        _ato = _profile.DelayedAck;
    }

    // tcp_event_data_sent: data leaving within an ATO of the last arrival is a reply: the session is interactive.
    private void DataSent(Instant now)
    {
        if (now - _lrcvTime < _ato && _pingpong < byte.MaxValue) _pingpong++;
    }

    // tcp_event_ack_sent (with tcp_dec_quickack_mode, counting ACKs of new data only): any segment carrying our
    // RCV.NXT settles the pending ACK and spends one quick ACK; the last one deflates the ATO.
    private void AckSent()
    {
        if (_quick > 0 && _ackPending)
        {
            if (--_quick == 0) _ato = _profile.DelayedAck;
        }
        _ackPending = _ackPushed = false;
    }

    // __tcp_ack_snd_check for a segment that scheduled an ACK: at once when more than one full segment is unacked or
    // in quick-ACK mode, else the delayed-ACK timer.
    private void AckSndCheck(Instant now, ref TcbStep step)
    {
        if (_rcvNxt - _lastAckSent > _rcvMss || InQuickAckMode) SendAck(now, ref step);
        else SendDelayedAck(now, ref step);
    }

    // tcp_send_delayed_ack: the timer at now + ATO, the ATO bounded by the RTT and by TCP_DELACK_MAX. An ATO still at
    // zero (no data yet: a bare FIN) puts the timer at the next tick. A pending timer keeps its earlier deadline, and
    // one about to expire (within ATO / 4) is sent now.
    private void SendDelayedAck(Instant now, ref TcbStep step)
    {
        var ato = _ato;
        if (ato > _profile.DelayedAck)
        {
            var maxAto = _pingpong >= PingpongThresh || _ackPushed ? DelAckMax : AtoCeilingQuiet;
            if (_rtt.HasSample)
            {
                var rtt = _rtt.Srtt > _profile.DelayedAck ? _rtt.Srtt : _profile.DelayedAck;
                if (rtt < maxAto) maxAto = rtt;
            }
            if (ato > maxAto) ato = maxAto;
        }
        if (ato > DelAckMax) ato = DelAckMax;
        var at = now + (ato == TimeSpan.Zero ? Jiffy : ato);
        if (_delAckAt != Instant.Never)
        {
            if (_delAckAt <= now + ato / 4) { SendAck(now, ref step); return; }
            if (at > _delAckAt) return;
        }
        _delAckAt = at;
        step.DelayedAck = TimerEdit.Set(at);
    }

    // tcp_delack_timer_handler: a missed delayed ACK inflates the ATO (up to the RTO), or ends an interactive session.
    private void DelayedAckTimeout(Instant now, ref TcbStep step)
    {
        if (_state is TcpState.Closed or TcpState.SynSent or TcpState.TimeWait) return;
        if (_pingpong < PingpongThresh)
        {
            var doubled = _ato + _ato;
            _ato = doubled < _rto ? doubled : _rto;
        }
        else
        {
            _pingpong = 0;
            _ato = _profile.DelayedAck;
        }
        SendAck(now, ref step);
    }
}
