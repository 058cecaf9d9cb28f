namespace TcpSwarm.Tcp;

/// <summary>One host's TIME_WAIT sockets as compact records (inet_timewait_sock), keyed by 4-tuple.</summary>
/// <remarks>
/// Linux also keeps orphaned FIN_WAIT_2 sockets as timewait minisocks and counts them against tcp_max_tw_buckets;
/// here FIN_WAIT_2 stays a full socket, so the bucket limit counts TIME_WAIT alone. A run that holds many orphaned
/// FIN_WAIT_2 sockets near the limit would overflow a little later than Linux; the TIME_WAIT count is unchanged.
/// Timers are lazy: each record has one deadline, and a timer that fires for an older deadline is ignored.
/// </remarks>
public sealed class TimeWaitTable(TcpProfile profile, TcpExtCounters counters)
{
    private struct Record
    {
        public TimeWaitEntry Entry;
        public Instant Deadline;
        public Instant LastOowAck;     // tcp_timewait_check_oow_rate_limit: one pure ACK reply per 500 ms
    }

    private readonly Dictionary<SocketPair, Record> _records = [];

    public int Count => _records.Count;

    public bool Contains(in SocketPair tuple) => _records.ContainsKey(tuple);

    public bool TryGet(in SocketPair tuple, out TimeWaitEntry entry)
    {
        var found = _records.TryGetValue(tuple, out var r);
        entry = r.Entry;
        return found;
    }

    /// <summary>tcp_time_wait: keep the record for TIME_WAIT's length, unless tcp_max_tw_buckets is reached.</summary>
    /// <returns>false on overflow (TCPTimeWaitOverflow): the socket simply closes, with no TIME_WAIT and no more
    /// ACKs.</returns>
    public bool TryEnter(in TimeWaitEntry entry, out Instant deadline)
    {
        deadline = entry.EnteredAt + profile.TimeWaitLength;
        if (_records.Count >= profile.TcpMaxTwBuckets)
        {
            counters.Increment(TcpExt.TCPTimeWaitOverflow);
            return false;
        }
        _records[entry.Tuple] = new Record { Entry = entry, Deadline = deadline, LastOowAck = Instant.Never };
        return true;
    }

    /// <summary>The timer fired: the record ends (TW) if this is its current deadline.</summary>
    public bool Expire(in SocketPair tuple, Instant now)
    {
        if (!_records.TryGetValue(tuple, out var r) || r.Deadline != now) return false;
        _records.Remove(tuple);
        counters.Increment(TcpExt.TW);
        return true;
    }

    /// <summary>A new connection took the 4-tuple (connect() through tcp_tw_reuse, or a SYN handed to the
    /// listener).</summary>
    public void Remove(in SocketPair tuple) => _records.Remove(tuple);

    /// <summary>tcp_timewait_state_process for the TIME_WAIT substate (RFC 9293 §3.10.7.4 and RFC 1337, 6191,
    /// 7323).</summary>
    public TimeWaitStep Handle(in Segment seg, Instant now)
    {
        var tuple = SocketPair.Arriving(in seg);
        ref var r = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_records, tuple);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref r)) return TimeWaitStep.Nothing;

        bool rst = seg.Has(TcpFlags.Rst), syn = seg.Has(TcpFlags.Syn), ack = seg.Has(TcpFlags.Ack);
        bool sawTimestamp = r.Entry.Timestamps && seg.HasTimestamps;
        bool pawsReject = sawTimestamp && PawsRejects(in r.Entry, in seg, now);

        // In window means exactly RCV.NXT: the peer's FIN consumed the last sequence number we accept.
        if (!pawsReject && seg.Seq == r.Entry.RcvNxt && (seg.SeqLength == 0 || rst))
        {
            if (rst)
            {
                if (!profile.TcpRfc1337) return Kill(tuple);           // TIME_WAIT assassination (RFC 1337 hazard 1)
            }
            else
            {
                r.Deadline = now + profile.TimeWaitLength;            // a bare in-window ACK re-arms the 60 s
            }
            if (sawTimestamp) r.Entry = r.Entry with { TsRecent = seg.TsVal, TsRecentStamp = now };
            return rst
                ? TimeWaitStep.Nothing
                : new(TimeWaitVerdict.Nothing, default, TimerEdit.Set(r.Deadline), default);
        }

        // A new SYN may reopen the 4-tuple when it cannot be an old duplicate: a higher sequence or a newer timestamp.
        if (syn && !rst && !ack && !pawsReject
            && (seg.Seq > r.Entry.RcvNxt || (sawTimestamp && unchecked((int)(r.Entry.TsRecent - seg.TsVal)) < 0)))
            return new(TimeWaitVerdict.SynAccepted, default, default, Isn.AfterTimeWait(r.Entry.SndNxt));

        // tcp_timewait_state_process: LINUX_MIB_PAWS_TW_REJECTED from 6.15, LINUX_MIB_PAWSESTABREJECTED before.
        if (pawsReject) counters.Increment(profile.PawsTimewaitCounter ? TcpExt.PAWSTimewait : TcpExt.PAWSEstab);
        if (rst) return TimeWaitStep.Nothing;                        // out-of-window RST: ignored

        // A bare SYN may be a new connection whose ISN happens to be low: do not re-arm for it.
        var timer = default(TimerEdit);
        if (pawsReject || ack)
        {
            r.Deadline = now + profile.TimeWaitLength;               // a retransmitted FIN restarts 2·MSL
            timer = TimerEdit.Set(r.Deadline);
        }
        if (RateLimited(ref r, in seg, now))
        {
            counters.Increment(TcpExt.TCPACKSkippedTimeWait);
            return new(TimeWaitVerdict.Nothing, default, timer, default);
        }
        return new(TimeWaitVerdict.Ack, AckFor(in r.Entry, now), timer, default);
    }

    /// <summary>tcp_twsk_unique: may connect() take over this TIME_WAIT 4-tuple now? Needs a peer timestamp.</summary>
    public bool ReusableByConnect(in SocketPair tuple, Instant now, out TimeWaitEntry old)
    {
        if (!_records.TryGetValue(tuple, out var r))
        {
            old = default;
            return false;
        }
        old = r.Entry;
        int reuse = profile.TcpTwReuse;
        if (reuse == 2 && !Ipv4.IsLoopback(tuple.LocalAddr) && !Ipv4.IsLoopback(tuple.RemoteAddr)) reuse = 0;
        if (reuse == 0 || !r.Entry.Timestamps) return false;
        return profile.TwReuseClock switch
        {
            // time_after32(now_ms, tw_entry_stamp + delay): strictly later, on the millisecond clock.
            TwReuseClock.DelaySinceEntry =>
                now.Milliseconds > r.Entry.EnteredAt.Milliseconds + (long)profile.TcpTwReuseDelay.TotalMilliseconds,
            // Older kernels: the seconds clock has moved past the second of the last timestamp seen.
            _ => now.Nanoseconds / 1_000_000_000 > r.Entry.TsRecentStamp.Nanoseconds / 1_000_000_000,
        };
    }

    /// <summary>Counts a connect() that took over a TIME_WAIT record (TWRecycled) and removes it.</summary>
    public void Recycle(in SocketPair tuple)
    {
        if (_records.Remove(tuple)) counters.Increment(TcpExt.TWRecycled);
    }

    private TimeWaitStep Kill(in SocketPair tuple)
    {
        _records.Remove(tuple);
        counters.Increment(TcpExt.TWKilled);
        return new(TimeWaitVerdict.Killed, default, TimerEdit.Cancel, default);
    }

    // tcp_paws_reject: an older TSval is refused, except a RST once ts_recent is over TCP_PAWS_MSL (60 s) old.
    private static bool PawsRejects(in TimeWaitEntry tw, in Segment seg, Instant now)
    {
        if (unchecked((int)(tw.TsRecent - seg.TsVal)) <= 0) return false;
        return !(seg.Has(TcpFlags.Rst) && now - tw.TsRecentStamp >= TimeSpan.FromSeconds(60));
    }

    // tcp_oow_rate_limited: segments carrying data or FIN (and not SYN) are never limited; pure ACKs and SYNs are.
    private bool RateLimited(ref Record r, in Segment seg, Instant now)
    {
        if (seg.SeqLength != 0 && !seg.Has(TcpFlags.Syn)) return false;
        if (r.LastOowAck != Instant.Never && now - r.LastOowAck < profile.TcpInvalidRatelimit) return true;
        r.LastOowAck = now;
        return false;
    }

    /// <summary>tcp_v4_timewait_ack for a record: the ACK a TIME_WAIT socket sends (TCP_TW_ACK).</summary>
    public Segment AckFor(in SocketPair tuple, Instant now) =>
        _records.TryGetValue(tuple, out var r) ? AckFor(in r.Entry, now) : default;

    // tcp_v4_timewait_ack: our SND.NXT and the peer's RCV.NXT, with the timestamps the connection used.
    private Segment AckFor(in TimeWaitEntry tw, Instant now)
    {
        var t = tw.Tuple;
        // tw_rcv_wnd >> tw_rcv_wscale; the record keeps no window, so the one a client's connection announced (502).
        int unit = 1 << profile.WindowScaleShift;
        var window = (ushort)Math.Min((profile.InitialWindow(profile.Mss) + unit - 1) / unit, ushort.MaxValue);
        return tw.Timestamps
            ? new Segment(t.LocalAddr, t.LocalPort, t.RemoteAddr, t.RemotePort, tw.SndNxt, tw.RcvNxt, TcpFlags.Ack,
                window, 0, TcpOptions.Timestamps, TsVal: TsClock.TsVal(now, tw.TsOffset), TsEcr: tw.TsRecent)
            : new Segment(t.LocalAddr, t.LocalPort, t.RemoteAddr, t.RemotePort, tw.SndNxt, tw.RcvNxt, TcpFlags.Ack,
                window, 0);
    }
}
