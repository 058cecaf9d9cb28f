namespace TcpSwarm.Tcp;

/// <summary>How a listener step ended, for the caller's books and metrics.</summary>
public enum ListenerOutcome : byte
{
    /// <summary>Nothing changed (a stray segment dropped, a stale timer).</summary>
    None,
    /// <summary>A SYN became a request entry and a SYN-ACK left.</summary>
    RequestQueued,
    /// <summary>A SYN was answered with a syncookie SYN-ACK; nothing kept.</summary>
    CookieSent,
    /// <summary>A SYN was dropped (accept queue full, SYN queue full without cookies, the quarter rule).</summary>
    SynDropped,
    /// <summary>A SYN-ACK was retransmitted (timer, or a retransmitted SYN).</summary>
    SynAckRetransmitted,
    /// <summary>The completing ACK (or a valid cookie) made a child: see Child.</summary>
    Admitted,
    /// <summary>The completing ACK met a full accept queue and was dropped; the request stays (acked).</summary>
    /// <remarks>A valid cookie ACK that meets a full accept queue ends so too, but no request exists to stay.</remarks>
    AckDroppedOnOverflow,
    /// <summary>The request was ended by a RST (ours with tcp_abort_on_overflow, or the peer's).</summary>
    RequestReset,
    /// <summary>The request ran out of SYN-ACK retries and was forgotten without a word.</summary>
    RequestExpired,
    /// <summary>A segment the listener cannot take was answered with a RST (e.g. an ACK with no request).</summary>
    Refused,
}
