namespace TcpSwarm.Tcp;

/// <summary>The numbers one kernel (or the RFC) uses: each sysctl under its own name in PascalCase, plus
/// constants.</summary>
/// <remarks>Build one with <see cref="Named"/> and change it with <see cref="Sysctls.TrySet"/>; values are in
/// range.</remarks>
public sealed record TcpProfile
{
    public required string Name { get; init; }

    // net.ipv4.tcp_* and net.core.somaxconn, as tcp_sk_init() and tcp_set_hashinfo() set them.
    public int TcpSynRetries { get; init; } = 6;
    public int TcpSynLinearTimeouts { get; init; } = 4;
    public int TcpSynackRetries { get; init; } = 5;
    public int TcpRetries2 { get; init; } = 15;
    /// <summary>0 means 8 while the RTO is below its ceiling (tcp_orphan_retries()).</summary>
    public int TcpOrphanRetries { get; init; }
    public TimeSpan TcpFinTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int TcpSyncookies { get; init; } = 1;
    /// <summary>max(128, ehash/128): 2048 on a 24 GiB host. Read only by the quarter rule, with syncookies
    /// off.</summary>
    public int TcpMaxSynBacklog { get; init; } = 2048;
    public int Somaxconn { get; init; } = 4096;
    public bool TcpAbortOnOverflow { get; init; }
    /// <summary>ehash/2: 131072 on a 24 GiB host.</summary>
    public int TcpMaxTwBuckets { get; init; } = 131072;
    /// <summary>0 never, 1 always, 2 loopback only.</summary>
    public int TcpTwReuse { get; init; } = 2;
    public TimeSpan TcpTwReuseDelay { get; init; } = TimeSpan.FromMilliseconds(1000);
    public bool TcpRfc1337 { get; init; }
    public int IpLocalPortRangeLow { get; init; } = 32768;
    public int IpLocalPortRangeHigh { get; init; } = 60999;
    public int TcpTimestamps { get; init; } = 1;
    public bool TcpWindowScaling { get; init; } = true;
    public bool TcpSack { get; init; } = true;
    public TimeSpan TcpRtoMin { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan TcpRtoMax { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan TcpInvalidRatelimit { get; init; } = TimeSpan.FromMilliseconds(500);

    // Not sysctls: compile-time constants of the kernel, or (TIME_WAIT length) a key for study only.
    /// <summary>TCP_TIMEWAIT_LEN: fixed at 60 s in Linux; another value is a study and the scenario says so.</summary>
    public TimeSpan TimeWaitLength { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>TCP_TIMEOUT_INIT: the first RTO of a SYN, a SYN-ACK and a new socket.</summary>
    public TimeSpan TimeoutInit { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>TCP_TIMEOUT_FALLBACK: the RTO after a handshake that retransmitted and took no RTT sample.</summary>
    public TimeSpan TimeoutFallback { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>TCP_DELACK_MIN.</summary>
    public TimeSpan DelayedAck { get; init; } = TimeSpan.FromMilliseconds(40);
    public int Mss { get; init; } = 1460;
    public int InitialWindowSegments { get; init; } = 10;
    /// <summary>The receive space a new socket offers, tcp_win_from_space(tcp_rmem[1]): 131072 bytes of buffer with
    /// tcp_adv_win_scale 1 give 65536; and our window-scale shift (ilog2(tcp_rmem[2] 6 MiB) - 15 = 7).</summary>
    public int ReceiveWindow { get; init; } = 65536;
    public byte WindowScaleShift { get; init; } = 7;
    /// <summary>The SYN queue is full at qlen &gt;= backlog (kernels before 6.14) rather than qlen &gt;
    /// backlog.</summary>
    public bool SynQueueFullAtBacklog { get; init; }
    public TwReuseClock TwReuseClock { get; init; } = TwReuseClock.DelaySinceEntry;
    /// <summary>tcp_validate_incoming drops an old pure ACK that fails PAWS silently, counting PAWSOldAck (6.14 on);
    /// before, it counts PAWSEstab and sends a duplicate ACK.</summary>
    public bool PawsOldAck { get; init; } = true;
    /// <summary>TIME_WAIT counts its PAWS rejections as PAWSTimewait (6.15 on); before, as PAWSEstab.</summary>
    public bool PawsTimewaitCounter { get; init; } = true;
    /// <summary>Sysctls this kernel does not have: setting one is refused.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>The profiles users can name, newest first; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Names = ["linux-6.18", "linux-6.1", "rfc1122"];

    public static TcpProfile Default { get; } = Linux618();

    public static TcpProfile Named(string name) => TryNamed(name, out var p)
        ? p
        : throw new ArgumentException($"unknown profile '{name}'; use one of {string.Join(", ", Names)}", nameof(name));

    public static bool TryNamed(string name, out TcpProfile profile)
    {
        profile = name switch
        {
            "linux-6.18" => Default,
            "linux-6.1" => Linux61(),
            "rfc1122" => Rfc1122(),
            _ => null!,
        };
        return profile is not null;
    }

    /// <summary>The current default: linear first SYN retries, the &gt; SYN-queue test, tcp_tw_reuse_delay.</summary>
    private static TcpProfile Linux618() => new() { Name = "linux-6.18" };

    /// <summary>The older LTS: SYNs at 0, 1, 3, 7, 15, 31, 63 s, connect() fails at 127 s; the &gt;= SYN-queue
    /// test.</summary>
    private static TcpProfile Linux61() => new()
    {
        Name = "linux-6.1",
        TcpSynLinearTimeouts = 0,
        SynQueueFullAtBacklog = true,
        TwReuseClock = TwReuseClock.SecondAfterLastTimestamp,
        PawsOldAck = false,
        PawsTimewaitCounter = false,
        Missing = ["net.ipv4.tcp_syn_linear_timeouts", "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.tcp_rto_max_ms",
            "net.ipv4.tcp_rto_min_us"],
    };

    /// <summary>RFC 1122 timers: initial RTO 3 s doubling (SYN-ACKs at 3, 9, 21, 45, 93 s), MSL 2 min (TIME_WAIT 240
    /// s).</summary>
    /// <remarks>Listen queues, syncookies and port rules stay Linux's; the RTO floor is RFC 6298's 1 s.</remarks>
    private static TcpProfile Rfc1122() => new()
    {
        Name = "rfc1122",
        TcpSynLinearTimeouts = 0,
        TimeoutInit = TimeSpan.FromSeconds(3),
        TimeWaitLength = TimeSpan.FromMinutes(4),
        TcpRtoMin = TimeSpan.FromSeconds(1),
    };

    /// <summary>tcp_select_initial_window: the receive space rounded down to a multiple of the segment size the peer
    /// will send (our MSS, less the 12 bytes of timestamps on a SYN-ACK that agreed them), at most 65535 in a SYN's
    /// unscaled field: 64240 on a SYN and 65160 on a SYN-ACK with timestamps, for a 1460 MSS.</summary>
    public int InitialWindow(int segment) =>
        Math.Min(ReceiveWindow > segment ? ReceiveWindow / segment * segment : ReceiveWindow, ushort.MaxValue);

    /// <summary>The listen backlog after listen()'s clamp: min(backlog, somaxconn), a negative one becoming
    /// somaxconn.</summary>
    public int ClampBacklog(int backlog) => backlog < 0 ? Somaxconn : Math.Min(backlog, Somaxconn);

    /// <summary>tcp_orphan_retries(): 0 means 8 while the connection is alive (RTO below its ceiling).</summary>
    public int OrphanRetries(bool alive) => TcpOrphanRetries != 0 ? TcpOrphanRetries : alive ? 8 : 0;

    /// <summary>The number of ports connect() may scan: Linux rounds the range's size down to even (step 2).</summary>
    public int EphemeralPortCount => (IpLocalPortRangeHigh + 1 - IpLocalPortRangeLow) & ~1;
}
