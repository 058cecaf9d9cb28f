namespace TcpSwarm.Tcp;

/// <summary>What getsockopt(TCP_INFO) would show of a full socket, as far as the model knows it (read-only).</summary>
/// <param name="Rto">icsk_rto, backoff included.</param>
/// <param name="Retransmits">icsk_retransmits: expiries since SND.UNA last advanced.</param>
/// <param name="SndMss">The MSS the socket sends with (the model's, without Linux's timestamp adjustment).</param>
/// <param name="Unacked">Bytes sent and not yet acknowledged (SYN and FIN counted as one each).</param>
public readonly record struct TcbInfo(
    TcpState State, TimeSpan Rto, int Retransmits, int SndMss, bool Timestamps, bool Sack, bool WindowScaling,
    byte SndWscale, byte RcvWscale, int Unacked, int ReceiveWindow);
