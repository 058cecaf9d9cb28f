namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    // Linux's send chronographs (tcp_chrono_start, tcp_chrono_stop, tcp_chrono_set): one runs at a time, the most
    // interesting winning (busy < receive-window limited < send-buffer limited), and each accumulates the time it ran.
    // TCP_INFO reports them as tcpi_busy_time (all three) and tcpi_rwnd_limited. The send-buffer-limited chronograph
    // (tcp_cwnd_validate with SOCK_NOSPACE) is not kept: the model has no congestion window to be limited by.
    private enum Chrono : byte { Unspec, Busy, RwndLimited }

    private Chrono _chrono;
    private Instant _chronoStart;
    private TimeSpan _busyTime, _rwndLimitedTime;

    private void ChronoStart(Chrono type, Instant now)
    {
        if (type > _chrono) ChronoSet(type, now);
    }

    // Both queues empty (everything sent was acknowledged, nothing waits): no chronograph; else busy again.
    private void ChronoStop(Chrono type, Instant now)
    {
        if (_sndUna == SendEnd) ChronoSet(Chrono.Unspec, now);
        else if (type == _chrono) ChronoSet(Chrono.Busy, now);
    }

    private void ChronoSet(Chrono type, Instant now)
    {
        if (_chrono == Chrono.Busy) _busyTime += now - _chronoStart;
        else if (_chrono == Chrono.RwndLimited) _rwndLimitedTime += now - _chronoStart;
        (_chrono, _chronoStart) = (type, now);
    }

    // tcp_get_info_chrono_stats: each chronograph's total, the running one up to now.
    private TimeSpan ChronoTotal(Chrono type, Instant now) =>
        (type == Chrono.Busy ? _busyTime : _rwndLimitedTime) + (_chrono == type ? now - _chronoStart : TimeSpan.Zero);

    // tcp_write_xmit's end: it stopped at the receive window (tcp_snd_wnd_test) with the congestion window open, or
    // not. Only called when there was unsent data (tcp_push_pending_frames needs a send head).
    private void RwndLimitedCheck(Instant now)
    {
        int queued = _writeSeq - _sendFrom;
        bool cwndOpen = _sendFrom - _sndUna < _profile.InitialWindowSegments * _mss;
        bool rwndShut = queued > 0 && _sendFrom + Math.Min(_mss, queued) > _sndUna + _sndWnd;
        if (cwndOpen && rwndShut) ChronoStart(Chrono.RwndLimited, now);
        else ChronoStop(Chrono.RwndLimited, now);
    }
}
