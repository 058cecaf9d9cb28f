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
    /// <summary>An old pure ACK dropped by PAWS without a duplicate ACK (LINUX_MIB_PAWS_OLD_ACK, Linux 6.14 on).</summary>
    PAWSOldAck,
}

/// <summary>A set of counter increments, one bit per <see cref="TcpExt"/>; a step counts each at most once.</summary>
public struct TcpExtSet
{
    private ulong _bits;

    public void Add(TcpExt counter) => _bits |= 1UL << (int)counter;
    public readonly bool Contains(TcpExt counter) => (_bits & (1UL << (int)counter)) != 0;
    public readonly bool IsEmpty => _bits == 0;
    public readonly ulong Bits => _bits;
}

/// <summary>Running totals of the <see cref="TcpExt"/> counters, as one nstat reading.</summary>
public sealed class TcpExtCounters
{
    public static readonly int Count = Enum.GetValues<TcpExt>().Length;
    private readonly long[] _values = new long[Count];

    public long this[TcpExt counter] => _values[(int)counter];
    public void Increment(TcpExt counter) => _values[(int)counter]++;

    public void Add(TcpExtSet set)
    {
        var bits = set.Bits;
        while (bits != 0)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(bits);
            _values[i]++;
            bits &= bits - 1;
        }
    }

    public void Clear() => Array.Clear(_values);

    public void Add(TcpExtCounters other)
    {
        for (int i = 0; i < _values.Length; i++) _values[i] += other._values[i];
    }

    public void AddTo(TcpExtCounters total)
    {
        for (int i = 0; i < _values.Length; i++) total._values[i] += _values[i];
    }
}
