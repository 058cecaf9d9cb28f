namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    /// <summary>getsockopt(TCP_INFO) at <paramref name="now"/> (tcp_get_info), for the fields the model
    /// keeps.</summary>
    public TcpInfo Info(Instant now)
    {
        byte options = (byte)((_timestamps ? TcpInfo.OptTimestamps : 0) | (_sack ? TcpInfo.OptSack : 0)
            | (_sndWscale != 0 || _rcvWscale != 0 ? TcpInfo.OptWscale : 0));
        var baseRto = _rtt.Rto;
        byte backoff = 0;
        for (var r = baseRto; r < _rto && backoff < byte.MaxValue; r += r) backoff++;
        backoff = (byte)Math.Min(backoff + _probe0Backoff, byte.MaxValue);     // the probe timer's own icsk_backoff
        var rwnd = ChronoTotal(Chrono.RwndLimited, now);
        return new TcpInfo(
            _state, (byte)(_caLoss ? 4 : 0), (byte)Math.Min(_retransmits, byte.MaxValue), backoff, options,
            _sndWscale, _rcvWscale, (long)_rto.TotalMicroseconds, (long)_ato.TotalMicroseconds, MaxSegment, _rcvMss,
            _flight.Count, Since(_lastDataSent, now), Since(_lrcvTime, now), Since(_lastAckRecv, now),
            _rtt.HasSample ? (long)_rtt.Srtt.TotalMicroseconds : 0, _profile.InitialWindowSegments, _totalRetrans,
            _bytesAcked, _bytesReceived, AdvMss, (byte)Math.Min(_probesOut, byte.MaxValue),
            (long)(ChronoTotal(Chrono.Busy, now) + rwnd).TotalMicroseconds, (long)rwnd.TotalMicroseconds);
    }

    private static long Since(Instant then, Instant now) => (long)(now - then).TotalMilliseconds;
}
