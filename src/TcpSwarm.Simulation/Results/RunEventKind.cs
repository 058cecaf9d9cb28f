namespace TcpSwarm.Simulation.Results;

/// <summary>The moments a user asks about: when a queue, the cookies, the ports or the TIME_WAIT buckets first gave
/// way, and when they last did. Their names in summary.json are <see cref="RunEventNames"/>'.</summary>
public enum RunEventKind : byte
{
    /// <summary>The SYN queue refused a SYN: full (TCPReqQFullDrop, or TCPReqQFullDoCookies outside tcp_syncookies
    /// 2), or, with cookies off, three quarters full for a peer not proven alive.</summary>
    SynQueueOverflow,
    /// <summary>A SYN was answered with a cookie (SyncookiesSent).</summary>
    SyncookiesSent,
    /// <summary>A SYN or a third ACK met a full accept queue (ListenOverflows).</summary>
    AcceptQueueOverflow,
    /// <summary>connect() failed with EADDRNOTAVAIL: no local port left for the destination.</summary>
    PortExhausted,
    /// <summary>A closing socket found tcp_max_tw_buckets reached and closed without TIME_WAIT (TCPTimeWaitOverflow).
    /// </summary>
    TwBucketOverflow,
}
