namespace TcpSwarm.Tcp;

// A full socket (Linux's tcp_sock) as RFC 9293's state machine, one partial file per event: Tcb.Open.cs (OPEN and
// SYN_SENT), Tcb.SegmentArrives.cs (the checks of §3.10.7.4), Tcb.AckArrives.cs, Tcb.TextArrives.cs, Tcb.Timers.cs,
// Tcb.UserCalls.cs and Tcb.Output.cs. The Linux function each rule mirrors is named where the rule is.
//
// Left out, and why a lifecycle study's numbers cannot tell:
// - Congestion control beyond the initial window: at most InitialWindowSegments × MSS and the peer's window are in
//   flight; after an RTO the loss window is one segment until the next ACK. Sessions here move a few tens of KB, so a
//   connection's life is handshake, one or two windows and the close; cwnd growth would not change when it ends.
// - SACK blocks, fast retransmit and RACK's reordering timer: a segment beyond RCV.NXT is kept in the out-of-order
//   queue and answered with a duplicate ACK (no SACK blocks), and the sender's RTO goes back to SND.UNA, resending
//   one segment per ACK until the ACK jumps past what the receiver kept. RACK-TLP's tail loss probe is modelled
//   (Tcb.LossProbe.cs). Loss then costs a probe or an RTO where Linux would often recover in one RTT; data transfer
//   timing under loss is not what TcpSwarm measures (docs/model.md).
// - Payload (bytes are counts), Nagle and window autotuning: our window stays profile.ReceiveWindow whatever the
//   application leaves unread (a peer's shut window is probed: Tcb.Probe0.cs). Of the delayed-ACK engine
//   (Tcb.DelayedAck.cs), the ACK that tcp_cleanup_rbuf sends when the application reads is left out, and SACK
//   compression of duplicate ACKs.
// - RTT: one timed segment per flight (RFC 6298 with Karn), not Linux's per-ACK samples from timestamps.
// - Keepalive, TCP_LINGER2, ICMP errors and the orphan limits of tcp_out_of_resources.

/// <summary>A full socket: from connect() (SYN_SENT) or the listener's admission (ESTABLISHED) to CLOSED or
/// TIME_WAIT.</summary>
/// <remarks>Events in, <see cref="TcbStep"/> out: no clock, no IO, no allocation per event.</remarks>
public sealed partial class Tcb
{
    private const int StepCapacity = 12;                 // SegmentsToSend's length
    private const int DefaultPeerMss = 536;              // RFC 9293 §3.7.1, when the peer's SYN has no MSS option
    private const int MinSendMss = 48;                   // net.ipv4.tcp_min_snd_mss
    private const int TimestampsLength = 12;             // TCPOLEN_TSTAMP_ALIGNED
    private const int MaxOutstanding = 1 << 30;          // queued + unacknowledged bytes: far inside 2^31 of sequence

    private readonly TcpProfile _profile;
    private readonly SocketPair _tuple;
    private TcpState _state;
    private TcpError _error;
    private bool _orphan;

    // Send sequence space (RFC 9293 §3.3.1): SYN at ISS, data in [ISS+1, _writeSeq), FIN at _writeSeq once queued.
    private readonly SeqNum _iss;
    private SeqNum _sndUna, _sndNxt;                     // SND.NXT is the highest sent, as Linux's snd_nxt
    private SeqNum _sendFrom;                            // where Output sends next: SND.NXT, or behind it after an RTO
    private SeqNum _writeSeq;                            // Linux's write_seq, without the FIN
    private SeqNum _sndWl1, _sndWl2;
    private int _sndWnd;                                 // bytes, after the peer's window scale
    private bool _finQueued;

    // Receive sequence space.
    private SeqNum _irs, _rcvNxt;
    private SeqNum _lastAckSent;                         // RCV.NXT in our last ACK: Linux's rcv_wup,
                                                         // RFC 7323 Last.ACK.sent
    private int _rcvWnd;                                 // bytes we advertise, as the peer reads our window field
    private OutOfOrderQueue _ofo;                        // what arrived beyond RCV.NXT (Tcb.TextArrives.cs)

    // Options agreed on the SYNs.
    private int _mss;
    private byte _sndWscale, _rcvWscale;
    private bool _sack, _timestamps, _tsRecentReused;
    private readonly uint _tsOffset;
    private uint _tsRecent;
    private Instant _tsRecentStamp;

    // Retransmission.
    private RttEstimator _rtt;
    private TimeSpan _rto;                               // icsk_rto: the estimator's, then doubled by each expiry
    private int _retransmits;                            // icsk_retransmits: expiries since SND.UNA last advanced
    private Instant _retransStamp;                        // retrans_stamp: first sending of the oldest unacked segment
    private bool _inLoss;                                // after an RTO: the loss window of one segment until an ACK
    private bool _caLoss;                                // TCP_CA_Loss: from an RTO until SND.UNA passes _recoveryEnd
    private SeqNum _recoveryEnd;                         // high_seq: SND.NXT when the RTO fired
    private bool _probeArmed;                            // the retransmit timer is ICSK_TIME_LOSS_PROBE
    private bool _tlpOutstanding;                        // tlp_high_seq != 0: one probe per tail loss episode
    private SeqNum _tlpHighSeq, _lastSegStart;           // SND.NXT at the probe; where the newest segment starts
    private bool _rttTiming;
    private SeqNum _rttSeq;
    private Instant _rttSentAt;
    private RetransmitQueue _flight;

    // The socket's timers (icsk_retransmit_timer, icsk_delack_timer, the FIN_WAIT_2 timer): a deadline each, Never
    // when off. They are the only copy: a step reports each change (TimerEdit) so its caller can wake us then.
    private Instant _rtxAt = Instant.Never, _delAckAt = Instant.Never, _finWait2At = Instant.Never;

    // The delayed-ACK engine (icsk_ack, Tcb.DelayedAck.cs).
    private TimeSpan _ato;                               // icsk_ack.ato: zero until the first data arrives
    private int _quick;                                  // icsk_ack.quick: quick ACKs left
    private byte _pingpong;                              // icsk_ack.pingpong: interactive exchanges seen
    private bool _ackPending, _ackPushed;                // ICSK_ACK_SCHED and ICSK_ACK_PUSHED
    private int _rcvMss;                                 // icsk_ack.rcv_mss: our guess at the peer's segment size
    private Instant _lrcvTime;                           // icsk_ack.lrcvtime: when data last arrived

    // __tcp_oow_rate_limited: the last duplicate or challenge ACK sent for an unacceptable segment.
    private bool _oowAckSent;
    private Instant _lastOowAckAt;

    private int _readable;
    private long _bytesAcked, _bytesReceived;

    // Socket options (Tcb.SocketOptions.cs) and what TCP_INFO reports (Tcb.Info.cs).
    private int _userMss;                                // TCP_MAXSEG before connect(): tp->rx_opt.user_mss, 0 unset
    private TimeSpan _userTimeout;                       // TCP_USER_TIMEOUT: icsk_user_timeout, zero unset
    private int _totalRetrans;
    private Instant _lastDataSent, _lastAckRecv;

    // Scratch of the event being handled, cleared by Begin.
    private bool _ackNow, _ackLater, _ackedThisStep, _queuedOutOfOrder;

    private Tcb(in SocketPair tuple, SeqNum iss, uint tsOffset, TcpProfile profile)
    {
        _tuple = tuple;
        _iss = iss;
        _tsOffset = tsOffset;
        _profile = profile;
        _sndUna = _sndNxt = _sendFrom = _writeSeq = iss;
        _mss = profile.Mss;
        _rtt = new RttEstimator(profile.TimeoutInit);
        _rto = profile.TimeoutInit;
    }

    /// <summary>Active open: a Tcb in CLOSED that <see cref="Open"/> moves to SYN_SENT.</summary>
    /// <param name="tsOffset">Our timestamp offset toward this peer (secure_tcp_ts_off: per address pair).</param>
    /// <param name="reused">connect() took over a TIME_WAIT 4-tuple (tcp_tw_reuse); iss is then
    /// Isn.AfterTimeWait(old SND.NXT), and tsRecent/tsRecentStamp are the old record's, so PAWS keeps working.</param>
    public static Tcb Connect(in SocketPair tuple, SeqNum iss, uint tsOffset, TcpProfile profile,
                              bool reused = false, uint tsRecent = 0, Instant tsRecentStamp = default) =>
        new(in tuple, iss, tsOffset, profile)
        {
            _tsRecentReused = reused,
            _tsRecent = reused ? tsRecent : 0,
            _tsRecentStamp = reused ? tsRecentStamp : default,
        };

    /// <summary>Passive open: the listener admitted the final ACK, so the socket starts in ESTABLISHED.</summary>
    /// <remarks>The caller then hands the completing segment itself to <see cref="Handle"/>: a bare ACK changes
    /// nothing, data or a FIN on it are taken as in any ESTABLISHED socket.</remarks>
    /// <param name="userMss">The listener's TCP_MAXSEG, which the child inherits (0 unset).</param>
    public static Tcb Accept(in AcceptedConnection c, TcpProfile profile, Instant now, int userMss = 0)
    {
        var tcb = new Tcb(c.Tuple, c.Iss, c.TsOffset, profile)
        {
            _state = TcpState.Established, _irs = c.Irs, _userMss = userMss,
        };
        tcb._sndUna = tcb._sndNxt = tcb._sendFrom = tcb._writeSeq = c.Iss + 1;
        tcb._rcvNxt = tcb._lastAckSent = c.Irs + 1;
        tcb.Agree(c.PeerMss, c.PeerWindowScale, c.SackPermitted, c.Timestamps, passive: true);
        tcb._tsRecent = c.Timestamps ? c.TsRecent : 0;
        tcb._tsRecentStamp = c.Timestamps ? now : default;
        tcb._sndWnd = c.PeerWindow << tcb._sndWscale;
        tcb._sndWl1 = c.Irs + 1;
        tcb._sndWl2 = c.Iss + 1;
        // tcp_synack_rtt_meas: the handshake's sample, unless a SYN-ACK was resent (Karn) or no request kept its time.
        if (c.SynAckRetransmitted) tcb._rtt.Restart(profile.TimeoutFallback);
        else if (!c.FromCookie) tcb._rtt.Sample(now - c.FirstSynAckAt, profile.TcpRtoMin, profile.TcpRtoMax);
        tcb._rto = tcb._rtt.Rto;
        return tcb;
    }

    public TcpState State => _state;
    public SocketPair Tuple => _tuple;
    /// <summary>Why the socket reached CLOSED, as Linux's sk_err; None for a normal close or the application's
    /// own.</summary>
    public TcpError Error => _error;
    public SeqNum Iss => _iss;
    public SeqNum SndUna => _sndUna;
    /// <summary>The highest sequence number sent plus its length (Linux's snd_nxt; an RTO never moves it
    /// back).</summary>
    public SeqNum SndNxt => _sndNxt;
    public SeqNum RcvNxt => _rcvNxt;
    /// <summary>In-order bytes received and not yet taken by <see cref="Read"/>.</summary>
    public int Readable => _readable;
    /// <summary>close() was called: the application no longer holds the socket.</summary>
    public bool Orphaned => _orphan;
    /// <summary>Data bytes the peer acknowledged (SYN and FIN not counted).</summary>
    public long BytesAcked => _bytesAcked;
    /// <summary>In-order data bytes received (SYN and FIN not counted).</summary>
    public long BytesReceived => _bytesReceived;

    /// <summary>The current retransmission timeout, backoff included (icsk_rto).</summary>
    internal TimeSpan Rto => _rto;

    // The options both SYNs carried (tcp_rcv_synsent_state_process; the listener's tcp_openreq_init for Accept).
    private void Agree(int peerMss, int peerWindowScale, bool sack, bool timestamps, bool passive)
    {
        // tcp_mtu_to_mss: the clamp (ours and the peer's), at least tcp_min_snd_mss, less the timestamp option that
        // every segment then carries (tcp_header_len - sizeof(tcphdr)): 1448 on a 1460 MSS.
        _mss = Math.Max(Math.Min(AdvMss, peerMss > 0 ? peerMss : DefaultPeerMss), MinSendMss)
            - (timestamps ? TimestampsLength : 0);
        bool scaling = peerWindowScale >= 0 && _profile.TcpWindowScaling;
        _sndWscale = scaling ? (byte)Math.Min(peerWindowScale, 14) : (byte)0;   // RFC 7323 §2.3: above 14 means 14
        _rcvWscale = scaling ? _profile.WindowScaleShift : (byte)0;
        // The initial window (tcp_select_initial_window), then as __tcp_select_window first announces it: aligned up to
        // the scale's unit (64240 → 64256, field 502 at shift 7). The window does not grow with reads (see above).
        int initial = _profile.InitialWindow(passive && timestamps ? AdvMss - TimestampsLength : AdvMss);
        int unit = 1 << _rcvWscale;
        _rcvWnd = (initial + unit - 1) / unit * unit;
        _sack = sack;
        _timestamps = timestamps;
        _rcvMss = InitialRcvMss(AdvMss, _mss, _rcvWnd);
    }

    // tcp_set_state(TCP_CLOSE): Tcp EstabResets counts every close straight from ESTABLISHED or CLOSE_WAIT.
    private void SetClosed(ref TcbStep step)
    {
        if (_state is TcpState.Established or TcpState.CloseWait) step.Counters.Add(TcpExt.EstabResets);
        _state = TcpState.Closed;
        step.Events |= TcbEvents.Closed;
    }

    // tcp_done after a failure: Tcp AttemptFails counts those of a connection still in SYN_SENT or SYN_RCVD.
    private void Die(TcpError error, ref TcbStep step)
    {
        if (_state is TcpState.SynSent or TcpState.SynReceived) step.Counters.Add(TcpExt.AttemptFails);
        _error = error;
        step.Error = error;
        SetClosed(ref step);
    }

    // tcp_time_wait: the host keeps a compact record (ToTimeWait) and the full socket goes; it times nothing more.
    private void EnterTimeWait(ref TcbStep step)
    {
        _state = TcpState.TimeWait;
        step.Events |= TcbEvents.EnteredTimeWait;
    }

    private static SeqNum Later(SeqNum a, SeqNum b) => a > b ? a : b;
    private static SeqNum Earlier(SeqNum a, SeqNum b) => a < b ? a : b;
}
