namespace TcpSwarm.Tcp;

/// <summary>What getsockopt(TCP_INFO) reports that the model knows, in struct tcp_info's names and units.</summary>
/// <param name="State">tcpi_state.</param>
/// <param name="CaState">tcpi_ca_state: 0 Open, 4 Loss (from an RTO until what was then outstanding is ACKed).</param>
/// <param name="Retransmits">tcpi_retransmits: RTO expiries since SND.UNA last advanced (icsk_retransmits).</param>
/// <param name="Backoff">tcpi_backoff: how many times the RTO has doubled.</param>
/// <param name="Options">tcpi_options: TCPI_OPT_TIMESTAMPS 1, TCPI_OPT_SACK 2, TCPI_OPT_WSCALE 4.</param>
/// <param name="SndWscale">tcpi_snd_wscale.</param>
/// <param name="RcvWscale">tcpi_rcv_wscale.</param>
/// <param name="RtoUs">tcpi_rto, microseconds, backoff included.</param>
/// <param name="AtoUs">tcpi_ato, microseconds.</param>
/// <param name="SndMss">tcpi_snd_mss: the segment size sent (mss_cache: 1448 on a 1460 MSS with timestamps).</param>
/// <param name="RcvMss">tcpi_rcv_mss: the guess at the peer's segment size.</param>
/// <param name="Unacked">tcpi_unacked: segments in flight.</param>
/// <param name="LastDataSentMs">tcpi_last_data_sent: milliseconds since data was last sent.</param>
/// <param name="LastDataRecvMs">tcpi_last_data_recv.</param>
/// <param name="LastAckRecvMs">tcpi_last_ack_recv.</param>
/// <param name="RttUs">tcpi_rtt: the smoothed RTT, microseconds (0 before a sample).</param>
/// <param name="SndCwnd">tcpi_snd_cwnd: the initial window, in segments (no congestion control; see Tcb.cs).</param>
/// <param name="TotalRetrans">tcpi_total_retrans: segments resent over the connection's life.</param>
/// <param name="BytesAcked">tcpi_bytes_acked.</param>
/// <param name="BytesReceived">tcpi_bytes_received.</param>
/// <param name="AdvMss">tcpi_advmss: the MSS we announce (the route's, clamped by TCP_MAXSEG; timestamps not
/// subtracted).</param>
/// <param name="Probes">tcpi_probes: zero-window probes sent since the peer last answered (icsk_probes_out).</param>
/// <param name="BusyTimeUs">tcpi_busy_time: microseconds with data queued or in flight (the chronographs' sum).</param>
/// <param name="RwndLimitedUs">tcpi_rwnd_limited: microseconds the peer's window held data back.</param>
public readonly record struct TcpInfo(
    TcpState State, byte CaState, byte Retransmits, byte Backoff, byte Options, byte SndWscale, byte RcvWscale,
    long RtoUs, long AtoUs, int SndMss, int RcvMss, int Unacked, long LastDataSentMs, long LastDataRecvMs,
    long LastAckRecvMs, long RttUs, int SndCwnd, int TotalRetrans, long BytesAcked, long BytesReceived,
    int AdvMss, byte Probes, long BusyTimeUs, long RwndLimitedUs)
{
    public const byte OptTimestamps = 1, OptSack = 2, OptWscale = 4;
}
