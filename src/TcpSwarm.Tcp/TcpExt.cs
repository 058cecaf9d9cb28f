namespace TcpSwarm.Tcp;

/// <summary>Linux's counters, named as nstat prints them after "TcpExt"; each drop or reset reason is one.</summary>
/// <remarks>As in Linux one event may count twice: every listener drop is also ListenDrops.</remarks>
public enum TcpExt : byte
{
    ListenOverflows,
    ListenDrops,
    TCPReqQFullDrop,
    TCPReqQFullDoCookies,
    SyncookiesSent,
    SyncookiesRecv,
    SyncookiesFailed,
    EmbryonicRsts,
    TCPTimeWaitOverflow,
    TCPAbortOnData,
    TCPAbortOnClose,
    TCPAbortOnLinger,
    TCPAbortOnTimeout,
    TCPChallengeACK,
    TCPSYNChallenge,
    TCPACKSkippedChallenge,
    TCPACKSkippedSeq,
    TCPACKSkippedTimeWait,
    TCPACKSkippedSynRecv,
    TCPTimeouts,
    TW,
    TWKilled,
    TWRecycled,
    PAWSEstab,
    PAWSTimewait,
    /// <summary>Tcp: OutRsts — RSTs sent (nstat's TcpOutRsts).</summary>
    OutRsts,
    /// <summary>Tcp: RetransSegs — segments retransmitted (nstat's TcpRetransSegs).</summary>
    RetransSegs,
    /// <summary>Tcp: EstabResets — connections reset from ESTABLISHED or CLOSE_WAIT.</summary>
    EstabResets,
    /// <summary>Tcp: AttemptFails — connects that failed from SYN_SENT or SYN_RCVD.</summary>
    AttemptFails,
    /// <summary>A duplicate ACK for a PAWS-rejected segment held back by tcp_invalid_ratelimit.</summary>
    TCPACKSkippedPAWS,
    /// <summary>Tail loss probes sent (tcp_send_loss_probe).</summary>
    TCPLossProbes,
    /// <summary>An old pure ACK dropped by PAWS without a duplicate ACK (LINUX_MIB_PAWS_OLD_ACK, Linux 6.14
    /// on).</summary>
    PAWSOldAck,
}
