using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

/// <summary>A LISTEN socket as Linux 6.x runs it: a SYN queue of request entries, an accept queue,
/// syncookies.</summary>
/// <remarks>
/// Split by event: Listener.Listen.cs (a segment with no request: tcp_conn_request, the cookie ACK, RST replies),
/// Listener.Request.cs (a segment for a request entry: tcp_check_req), Listener.Timer.cs (reqsk_timer_handler).
///
/// Left out, and why a user's numbers cannot tell: TCP_DEFER_ACCEPT, Fast Open, ECN, MD5/AO and BPF hooks (no
/// scenario can ask for them); per-socket TCP_SYNCNT (the sysctl is the knob); SO_REUSEPORT
/// request migration and listener close (a shard is its own Listener; no scenario closes a listener mid-run);
/// ICMP errors on a request (tcp_req_err: the network model sends none); the TSecr range check of
/// tcp_check_req (only a forged echo trips it, and no modelled peer forges one); the "Possible SYN flooding" log.
/// </remarks>
public sealed partial class Listener
{
    private readonly TcpProfile _profile;
    private readonly ulong _secret;
    private readonly SynCookie _cookies;
    private readonly SynQueue _synQueue = new();
    private readonly AcceptQueue _acceptQueue;
    private Instant _lastOverflow;                       // tcp_synq_overflow's stamp, when _overflowed
    private bool _overflowed;
    private long _synsIn, _requestsIn, _admitted, _expired, _reset, _synsDropped, _cookiesSent, _cookiesAdmitted;

    /// <param name="address">The listener's address; 0 is INADDR_ANY (any local address of the host).</param>
    /// <param name="backlog">As given to listen(); clamped to net.core.somaxconn here.</param>
    /// <param name="secret">This host's key for ISNs and cookies, derived from the run seed.</param>
    public Listener(uint address, ushort port, int backlog, TcpProfile profile, ulong secret)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Address = address;
        Port = port;
        _profile = profile;
        _secret = secret;
        _cookies = new SynCookie(secret);
        Backlog = profile.ClampBacklog(backlog);
        _acceptQueue = new AcceptQueue(Backlog);
    }

    public uint Address { get; }
    public ushort Port { get; }

    /// <summary>setsockopt(TCP_MAXSEG) on the listener (rx_opt.user_mss, 0 unset): the SYN-ACK announces at most this
    /// MSS (tcp_mss_clamp in tcp_make_synack) and each child inherits it (tcp_create_openreq_child).</summary>
    public int UserMss { get; private set; }

    /// <summary>Sets <see cref="UserMss"/>; false (EINVAL) outside 88 to 32767, as do_tcp_setsockopt; 0 clears it.
    /// </summary>
    public bool SetMaxSegment(int bytes)
    {
        if (bytes != 0 && (bytes < 88 || bytes > 32767)) return false;
        UserMss = bytes;
        return true;
    }

    // The MSS the SYN-ACK announces and its window is sized on: the route's, clamped by TCP_MAXSEG.
    private int AdvMss => UserMss > 0 && UserMss < _profile.Mss ? UserMss : _profile.Mss;

    /// <summary>sk_max_ack_backlog: listen()'s backlog after the somaxconn clamp.</summary>
    public int Backlog { get; }

    /// <summary>Request entries (SYN_RCVD).</summary>
    public int SynQueueLength => _synQueue.Count;

    /// <summary>Request entries whose timer has not fired yet (reqsk_queue_len_young).</summary>
    public int SynQueueYoung => _synQueue.Young;

    public int AcceptQueueLength => _acceptQueue.Count;

    /// <summary>Requests the SYN queue holds: backlog+1 (the `&gt;` test of 6.14+), else backlog (`&gt;=`).</summary>
    public int SynQueueLimit => _profile.SynQueueFullAtBacklog ? Backlog : SaturatingIncrement(Backlog);

    /// <summary>Children the accept queue holds: backlog+1 (sk_acceptq_is_full's `&gt;`).</summary>
    public int AcceptQueueLimit => SaturatingIncrement(Backlog);

    /// <summary>This listener's Linux counters.</summary>
    public TcpExtCounters Counters { get; } = new();

    public ListenerBooks Books => new(_synsIn, _requestsIn, _admitted, _expired, _reset, _synQueue.Count,
        _synsDropped, _cookiesSent, _cookiesAdmitted);

    /// <summary>A segment for this port that no full socket or TIME_WAIT record took.</summary>
    /// <param name="peerProven">The host knows this peer (tcp_peer_is_proven); read only by the quarter rule.</param>
    /// <param name="twIsn">Set when the SYN came through a TIME_WAIT record that accepted it (tcp_tw_isn).</param>
    /// <param name="tsOffset">Our timestamp offset toward the peer (secure_tcp_ts_off).</param>
    public ListenerStep Handle(in Segment seg, Instant now, bool peerProven, SeqNum? twIsn, uint tsOffset)
    {
        var step = new ListenerStep();
        Handle(in seg, now, peerProven, twIsn, tsOffset, ref step);
        return step;
    }

    /// <summary>The same, written into a step the caller holds (a host's, which embeds it): no copy per segment.
    /// </summary>
    internal void Handle(in Segment seg, Instant now, bool peerProven, SeqNum? twIsn, uint tsOffset,
        ref ListenerStep step)
    {
        if (seg.DstPort != Port || (Address != 0 && seg.DstAddr != Address))
            throw new ArgumentException($"segment for {Ipv4.Format(seg.DstAddr)}:{seg.DstPort} handed to the " +
                $"listener on {Ipv4.Format(Address)}:{Port}", nameof(seg));
        var tuple = SocketPair.Arriving(in seg);
        ref var entry = ref _synQueue.Find(in tuple);
        if (!Unsafe.IsNullRef(ref entry)) RequestArrives(ref entry, in tuple, in seg, now, tsOffset, ref step);
        else ListenArrives(in tuple, in seg, now, peerProven, twIsn, tsOffset, ref step);
    }

    /// <summary>accept(): the oldest admitted child, removed from the accept queue.</summary>
    public bool TryAccept(out SocketPair child) => _acceptQueue.TryAccept(out child);

    public bool HasRequest(in SocketPair request) => _synQueue.Contains(in request);

    private static int SaturatingIncrement(int n) => n == int.MaxValue ? n : n + 1;

    // tcp_v4_send_reset (Rst.For), never to a RST.
    private void SendReset(in Segment seg, ref ListenerStep step)
    {
        if (seg.Has(TcpFlags.Rst)) return;
        step.Send(Rst.For(in seg));
        Counters.Increment(TcpExt.OutRsts);
    }

    // tcp_make_synack: our MSS always; window scale, SACK and timestamps only where the SYN offered them and we agree.
    private Segment SynAck(in SocketPair tuple, SeqNum iss, SeqNum irs, in SynOptions syn, uint tsVal)
    {
        var options = TcpOptions.Mss;
        if (syn.WindowScale >= 0) options |= TcpOptions.WindowScale;
        if (syn.Sack) options |= TcpOptions.SackPermitted;
        if (syn.Timestamps) options |= TcpOptions.Timestamps;
        return new Segment(tuple.LocalAddr, tuple.LocalPort, tuple.RemoteAddr, tuple.RemotePort, iss, irs + 1,
            TcpFlags.Syn | TcpFlags.Ack, (ushort)RequestWindow(syn.Timestamps), 0, options,
            (ushort)AdvMss, syn.WindowScale >= 0 ? _profile.WindowScaleShift : (byte)0,
            syn.Timestamps ? tsVal : 0, syn.Timestamps ? syn.TsVal : 0);
    }

    // tcp_openreq_init_rwin: the request's receive window, tcp_select_initial_window on the MSS less the timestamps
    // the SYN-ACK agrees (65160 for a 1460 MSS); a SYN-ACK's own field is never scaled.
    private int RequestWindow(bool timestamps) =>
        _profile.InitialWindow(timestamps ? AdvMss - 12 : AdvMss);

    // The request left the SYN queue in this step: cancel its timer, say when it was born.
    private static void Ended(in SocketPair tuple, Instant bornAt, ListenerOutcome outcome, ref ListenerStep step)
    {
        step.Outcome = outcome;
        step.Request = tuple;
        step.RequestTimer = TimerEdit.Cancel;
        step.RequestBornAt = bornAt;
    }
}
