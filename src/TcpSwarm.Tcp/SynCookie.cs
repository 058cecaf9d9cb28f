namespace TcpSwarm.Tcp;

/// <summary>Linux's SYN cookies (net/ipv4/syncookies.c): an ISN that carries the request, so nothing is kept.</summary>
/// <remarks>
/// cookie = hash0(tuple) + client ISN + (minute counter &lt;&lt; 24) + ((hash1(tuple, counter) + MSS index) mod 2^24)
/// (secure_tcp_syn_cookie). Linux keys two siphashes with boot-random secrets; here both are KeyedHash keyed by the
/// listener's secret: the same spread, reproducible from the run seed. With timestamps the SYN-ACK's TSval carries
/// the peer's window scale and SACK in its low 6 bits (cookie_init_timestamp); ECN is not modelled, so its bit stays 0.
/// </remarks>
internal readonly struct SynCookie
{
    private const int CookieBits = 24;                   // COOKIEBITS: the low bits hold hash1 + MSS index
    private const uint CookieMask = (1u << CookieBits) - 1;
    private const uint MaxAge = 2;                       // MAX_SYNCOOKIE_AGE, in minute counters
    private const long PeriodNs = 60_000_000_000;        // TCP_SYNCOOKIE_PERIOD: 60 s
    private const int TsBits = 6;                        // TSBITS
    private const uint TsWindowScaleMask = 0x0F, TsSack = 0x10;   // TS_OPT_WSCALE_MASK (0xF: none), TS_OPT_SACK
    private const ulong Purpose0 = 0x636F_6F6B_6965_3030, Purpose1 = 0x636F_6F6B_6965_3031;
    private readonly ulong _key0, _key1;

    public SynCookie(ulong secret)
    {
        _key0 = KeyedHash.Of(secret, Purpose0);          // syncookie_secret[0] and [1], distinct from the ISN key
        _key1 = KeyedHash.Of(secret, Purpose1);
    }

    /// <summary>msstab: the client's MSS is rounded down to one of these; index 0 also when it sent none.</summary>
    public static ReadOnlySpan<ushort> MssTable => [536, 1300, 1440, 1460];

    /// <summary>tcp_cookie_time: whole minutes of virtual time.</summary>
    public static uint Counter(Instant now) => (uint)(now.Nanoseconds / PeriodNs);

    /// <summary>__cookie_v4_init_sequence: the largest table entry not above the MSS, else index 0.</summary>
    public static int MssIndex(int mss)
    {
        int index = MssTable.Length - 1;
        while (index > 0 && mss < MssTable[index]) index--;
        return index;
    }

    /// <summary>secure_tcp_syn_cookie.</summary>
    public SeqNum Make(in SocketPair tuple, SeqNum clientIsn, Instant now, int mssIndex)
    {
        uint count = Counter(now);
        return new(unchecked(Hash(_key0, in tuple, 0) + clientIsn.Value + (count << CookieBits)
            + ((Hash(_key1, in tuple, count) + (uint)mssIndex) & CookieMask)));
    }

    /// <summary>check_tcp_syn_cookie: valid if issued less than 2 counters ago with an MSS index in the
    /// table.</summary>
    public bool TryCheck(in SocketPair tuple, SeqNum cookie, SeqNum clientIsn, Instant now, out int mssIndex)
    {
        mssIndex = -1;
        uint count = Counter(now);
        uint rest = unchecked(cookie.Value - (Hash(_key0, in tuple, 0) + clientIsn.Value));
        uint diff = unchecked(count - (rest >> CookieBits)) & (uint.MaxValue >> CookieBits);
        if (diff >= MaxAge) return false;
        uint data = unchecked(rest - Hash(_key1, in tuple, count - diff)) & CookieMask;
        if (data >= (uint)MssTable.Length) return false;
        mssIndex = (int)data;
        return true;
    }

    /// <summary>cookie_init_timestamp: the ms clock, its low 6 bits replaced by the options, never ahead.</summary>
    public static uint Timestamp(Instant now, sbyte peerWindowScale, bool sack)
    {
        ulong tsNow = (ulong)now.Milliseconds;
        ulong options = peerWindowScale < 0 ? TsWindowScaleMask : (ulong)peerWindowScale;
        if (sack) options |= TsSack;
        ulong ts = (tsNow >> TsBits << TsBits) | options;
        if (ts > tsNow) ts = unchecked(ts - (1UL << TsBits));
        return unchecked((uint)ts);
    }

    /// <summary>
    /// cookie_timestamp_decode, on the echoed TSecr less our offset. Without timestamps every option is lost (true,
    /// scale -1, no SACK); false when the echo names an option our sysctls refuse, and the ACK then meets LISTEN.
    /// </summary>
    public static bool TryDecodeTimestamp(bool timestamps, uint tsEcr, TcpProfile profile, out sbyte peerWindowScale,
        out bool sack)
    {
        peerWindowScale = -1;
        sack = false;
        if (!timestamps) return true;
        sack = (tsEcr & TsSack) != 0;
        if (sack && !profile.TcpSack) return false;
        if ((tsEcr & TsWindowScaleMask) == TsWindowScaleMask) return true;
        peerWindowScale = (sbyte)(tsEcr & TsWindowScaleMask);
        return profile.TcpWindowScaling;
    }

    private static uint Hash(ulong key, in SocketPair t, uint count) => (uint)KeyedHash.Of(key,
        ((ulong)t.LocalAddr << 32) | t.RemoteAddr, ((ulong)t.LocalPort << 16) | t.RemotePort, count);
}
