namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    private const int MaxUserMss = 32767;                // MAX_TCP_WINDOW: do_tcp_setsockopt's ceiling for TCP_MAXSEG

    // The MSS we announce and send at most: the profile's (the route's advmss), lowered by TCP_MAXSEG.
    private int AdvMss => _userMss > 0 && _userMss < _profile.Mss ? _userMss : _profile.Mss;

    /// <summary>setsockopt(TCP_MAXSEG): before connect(), caps the MSS the SYN announces and the segments
    /// sent.</summary>
    /// <returns>False (EINVAL) outside 88 to 32767, as do_tcp_setsockopt refuses it; 0 clears the option. Once the
    /// handshake is done the option changes nothing here (Linux keeps it for a later reconnect).</returns>
    public bool SetMaxSegment(int bytes)
    {
        if (bytes != 0 && (bytes < MinMss || bytes > MaxUserMss)) return false;
        _userMss = bytes;
        return true;
    }

    /// <summary>getsockopt(TCP_MAXSEG): the MSS in use once connected (mss_cache), else TCP_MAXSEG or 536.</summary>
    public int MaxSegment => _state is TcpState.Closed or TcpState.SynSent or TcpState.Listen
        ? _userMss > 0 ? _userMss : MinRcvMss
        : _mss;

    /// <summary>setsockopt(TCP_USER_TIMEOUT): how long sent data may stay unacknowledged before the connection is
    /// dropped with ETIMEDOUT, replacing tcp_retries2 (and the SYN budget); the RTO is clamped so the last expiry
    /// falls at the timeout (tcp_clamp_rto_to_user_timeout). Zero restores the default.</summary>
    /// <returns>False (EINVAL) for a negative value or one above INT_MAX milliseconds.</returns>
    public bool SetUserTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue) return false;
        _userTimeout = TimeSpan.FromMilliseconds(Math.Floor(timeout.TotalMilliseconds));
        return true;
    }

    /// <summary>getsockopt(TCP_USER_TIMEOUT), zero when unset.</summary>
    public TimeSpan UserTimeout => _userTimeout;
}
