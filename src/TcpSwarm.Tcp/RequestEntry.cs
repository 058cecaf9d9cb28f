using System.Runtime.InteropServices;

namespace TcpSwarm.Tcp;

/// <summary>One request in SYN_RCVD as Linux keeps it (tcp_request_sock): 40 bytes, so millions fit.</summary>
/// <remarks>
/// The 4-tuple is the SYN queue's key, not a field. The peer's window-scale shift, SACK, timestamps, acked and
/// "a SYN-ACK was resent" share one byte; the last out-of-window reply is kept in milliseconds after BornAt.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct RequestEntry
{
    private const byte NoWindowScale = 0x0F;
    private const byte SackBit = 0x10, TimestampsBit = 0x20, AckedBit = 0x40, RetransmittedBit = 0x80;

    /// <summary>When the SYN arrived; the first SYN-ACK left at the same instant (snt_synack).</summary>
    public Instant BornAt;
    /// <summary>The deadline the request timer was last given: an earlier call is stale.</summary>
    public Instant Deadline;
    public SeqNum Iss;
    public SeqNum Irs;
    /// <summary>ts_recent: the peer's last TSval (0 when the SYN had none).</summary>
    public uint TsRecent;
    /// <summary>ts_off: our timestamp offset toward the peer, 0 without timestamps (the timer is not told
    /// it).</summary>
    public uint TsOffset;
    private uint _lastOowAckMs;                          // last_oow_ack_time as ms after BornAt + 1; 0: never
    /// <summary>The MSS the SYN announced, or 536 (TCP_MSS_DEFAULT) without the option.</summary>
    public ushort PeerMss;
    /// <summary>num_timeout: how many times the timer has fired (and the SYN-ACK was resent).</summary>
    public byte NumTimeout;
    private byte _bits;

    public RequestEntry(Instant bornAt, SeqNum iss, SeqNum irs, in SynOptions syn, uint tsOffset, Instant deadline)
    {
        BornAt = bornAt;
        Deadline = deadline;
        Iss = iss;
        Irs = irs;
        TsRecent = syn.TsVal;
        TsOffset = syn.Timestamps ? tsOffset : 0;
        PeerMss = syn.Mss;
        _bits = (byte)((syn.WindowScale < 0 ? NoWindowScale : syn.WindowScale)
            | (syn.Sack ? SackBit : 0) | (syn.Timestamps ? TimestampsBit : 0));
    }

    public readonly sbyte PeerWindowScale =>
        (_bits & NoWindowScale) == NoWindowScale ? (sbyte)-1 : (sbyte)(_bits & NoWindowScale);
    public readonly bool SackPermitted => (_bits & SackBit) != 0;
    public readonly bool Timestamps => (_bits & TimestampsBit) != 0;

    /// <summary>inet_rsk(req)->acked: a good ACK met a full accept queue.</summary>
    public bool Acked
    {
        readonly get => (_bits & AckedBit) != 0;
        set => _bits = (byte)(value ? _bits | AckedBit : _bits & ~AckedBit);
    }

    /// <summary>num_retrans &gt; 0: a SYN-ACK was resent, so the handshake gives no RTT sample (Karn).</summary>
    public bool Retransmitted
    {
        readonly get => (_bits & RetransmittedBit) != 0;
        set => _bits = (byte)(value ? _bits | RetransmittedBit : _bits & ~RetransmittedBit);
    }

    /// <summary>The options as the SYN offered them (after our sysctls), for a resent SYN-ACK.</summary>
    public readonly SynOptions Options => new(PeerMss, PeerWindowScale, SackPermitted, Timestamps, TsRecent);

    /// <summary>__tcp_oow_rate_limited: at most one reply per interval; true when this one must be skipped.</summary>
    public bool OutOfWindowReplyLimited(Instant now, TimeSpan interval)
    {
        long sinceBorn = now.Milliseconds - BornAt.Milliseconds;      // jiffies at HZ=1000
        if (_lastOowAckMs != 0)
        {
            long elapsed = sinceBorn - (_lastOowAckMs - 1);
            if (elapsed >= 0 && elapsed < (long)interval.TotalMilliseconds) return true;
        }
        _lastOowAckMs = (uint)Math.Min(sinceBorn + 1, uint.MaxValue);
        return false;
    }
}
