namespace TcpSwarm.Tcp;

public sealed partial class Host
{
    /// <summary>connect(): picks the 4-tuple (taking over a TIME_WAIT one if tcp_tw_reuse allows) and the
    /// ISN.</summary>
    /// <param name="localPort">Non-zero: the socket was bound to this port first (bind() then connect()).</param>
    /// <returns>false is EADDRNOTAVAIL: every port toward that destination (or the bound 4-tuple) is in use.</returns>
    public bool TryConnect(uint daddr, ushort dport, Instant now, out ActiveOpen open, ushort localPort = 0)
    {
        open = default;
        ushort port;
        PortVerdict verdict;
        if (localPort != 0)
        {
            if (!TryBound(daddr, dport, localPort, out verdict)) return false;
            port = localPort;
        }
        else
        {
            // Fast refusal: every port is held and no TIME_WAIT one can be taken over (the scan would find nothing).
            if (PortsInUse(daddr, dport) >= Profile.EphemeralPortCount && !TwReuseMayApply(daddr)) return false;
            var probe = new PortProbe(this, daddr, dport, now, _occupied.GetValueOrDefault((daddr, dport)),
                TwReuseMayApply(daddr));
            if (!Ports.TryChoose(Address, daddr, dport, ref probe, out port, out verdict)) return false;
        }

        var tuple = new SocketPair(Address, port, daddr, dport);
        if (verdict == PortVerdict.ReuseTimeWait && TimeWait.TryGet(in tuple, out var old))
        {
            TimeWait.Recycle(in tuple);                              // the ports-in-use count carries over
            open = new ActiveOpen(tuple, Isn.AfterTimeWait(old.SndNxt), TsOffset(daddr), true, old.TsRecent,
                old.TsRecentStamp);
        }
        else
        {
            PortTaken(in tuple);
            open = new ActiveOpen(tuple, Isn.Secure(_secret, in tuple, now), TsOffset(daddr), false, 0, default);
        }
        _sockets.Add(tuple);
        return true;
    }

    /// <summary>tcp_time_wait: the full socket hands its 4-tuple to a TIME_WAIT record, unless the buckets are
    /// full.</summary>
    /// <returns>false on TCPTimeWaitOverflow: the connection is simply gone and its port free.</returns>
    public bool EnterTimeWait(in TimeWaitEntry entry, out HostTimer timer)
    {
        var tuple = entry.Tuple;
        _sockets.Remove(tuple);
        _provenPeers.Add(tuple.RemoteAddr);
        if (TimeWait.TryEnter(in entry, out var deadline))
        {
            timer = new HostTimer(HostTimerKind.TimeWait, tuple, TimerEdit.Set(deadline));
            return true;
        }
        PortFreed(in tuple);
        timer = default;
        return false;
    }

    /// <summary>A full socket reached CLOSED: its 4-tuple and port are free. A clean close proves the peer.</summary>
    public void Release(in SocketPair tuple, bool cleanClose)
    {
        if (!_sockets.Remove(tuple)) return;
        PortFreed(in tuple);
        if (cleanClose) _provenPeers.Add(tuple.RemoteAddr);
    }

    // A bound port skips the scan; a TIME_WAIT 4-tuple is then taken whenever it kept a peer timestamp
    // (tcp_twsk_unique with twp == NULL ignores tcp_tw_reuse).
    private bool TryBound(uint daddr, ushort dport, ushort localPort, out PortVerdict verdict)
    {
        var tuple = new SocketPair(Address, localPort, daddr, dport);
        verdict = PortVerdict.Free;
        if (_sockets.Contains(tuple)) return false;
        if (!TimeWait.TryGet(in tuple, out var tw)) return true;
        verdict = PortVerdict.ReuseTimeWait;
        return tw.Timestamps;
    }

    private bool TwReuseMayApply(uint daddr) =>
        Profile.TcpTwReuse == 1 || (Profile.TcpTwReuse == 2 && (Ipv4.IsLoopback(Address) || Ipv4.IsLoopback(daddr)));

    // What __inet_hash_connect learns of one port: bound by a listener, a live 4-tuple, or a TIME_WAIT one. A clear
    // bit in the destination's occupancy is a free 4-tuple; a set one is busy unless tcp_tw_reuse may take it over.
    private readonly struct PortProbe(Host host, uint daddr, ushort dport, Instant now, ulong[]? occupied,
        bool reuseMayApply) : IPortProbe
    {
        public PortVerdict Probe(ushort port)
        {
            if (IsSet(host._listening, port)) return PortVerdict.Busy;
            if (occupied is null || !IsSet(occupied, port)) return PortVerdict.Free;
            if (!reuseMayApply) return PortVerdict.Busy;
            var tuple = new SocketPair(host.Address, port, daddr, dport);
            if (host._sockets.Contains(tuple)) return PortVerdict.Busy;
            if (!host.TimeWait.Contains(in tuple)) return PortVerdict.Free;
            return host.TimeWait.ReusableByConnect(in tuple, now, out _) ? PortVerdict.ReuseTimeWait : PortVerdict.Busy;
        }
    }
}
