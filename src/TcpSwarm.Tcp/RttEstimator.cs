namespace TcpSwarm.Tcp;

/// <summary>RFC 6298's smoothed RTT with Linux's floor: RTO = SRTT + max(4·RTTVAR, tcp_rto_min), within the
/// bounds.</summary>
/// <remarks>Linux (tcp_rtt_estimator) tracks the variance over a window of RTTs; the first sample gives the same RTO,
/// 20 ms → 20 + max(40, 200) = 220 ms, and later ones differ by less than the floor for the RTTs scenarios
/// use.</remarks>
internal struct RttEstimator(TimeSpan initialRto)
{
    private long _srttTicks, _rttvarTicks;
    private TimeSpan _rto = initialRto;
    private bool _hasSample;

    public readonly bool HasSample => _hasSample;

    /// <summary>The smoothed RTT (zero before the first sample).</summary>
    public readonly TimeSpan Srtt => TimeSpan.FromTicks(_srttTicks);

    /// <summary>The RTO before backoff: from the samples, or the initial value while there is none.</summary>
    public readonly TimeSpan Rto => _rto;

    /// <summary>Forget the samples and start from this RTO (TCP_TIMEOUT_FALLBACK after a handshake
    /// retransmission).</summary>
    public void Restart(TimeSpan rto) => (_rto, _hasSample) = (rto, false);

    public void Sample(TimeSpan rtt, TimeSpan rtoMin, TimeSpan rtoMax)
    {
        long r = Math.Max(rtt.Ticks, 1);
        if (!_hasSample)
        {
            (_srttTicks, _rttvarTicks, _hasSample) = (r, r / 2, true);
        }
        else
        {
            _rttvarTicks = (3 * _rttvarTicks + Math.Abs(_srttTicks - r)) / 4;   // RTTVAR first, with the old SRTT
            _srttTicks = (7 * _srttTicks + r) / 8;
        }
        long rto = _srttTicks + Math.Max(4 * _rttvarTicks, rtoMin.Ticks);
        _rto = TimeSpan.FromTicks(Math.Clamp(rto, rtoMin.Ticks, rtoMax.Ticks));
    }
}
