namespace TcpSwarm.Tcp;

/// <summary>A SYN's options as tcp_parse_options reads them at a listener: each only if our sysctl allows it.</summary>
/// <param name="Mss">The announced MSS, or 536 (TCP_MSS_DEFAULT) when the SYN has none.</param>
/// <param name="WindowScale">The peer's shift, capped at 14 (TCP_MAX_WSCALE), or -1 when window scaling is off.</param>
/// <param name="TsVal">The SYN's TSval when Timestamps, else 0.</param>
internal readonly record struct SynOptions(ushort Mss, sbyte WindowScale, bool Sack, bool Timestamps, uint TsVal)
{
    public const ushort DefaultMss = 536;
    private const byte MaxWindowScale = 14;

    public static SynOptions Parse(in Segment syn, TcpProfile profile)
    {
        var o = syn.Options;
        ushort mss = (o & TcpOptions.Mss) != 0 && syn.Mss != 0 ? syn.Mss : DefaultMss;
        sbyte scale = (o & TcpOptions.WindowScale) != 0 && profile.TcpWindowScaling
            ? (sbyte)Math.Min(syn.WindowScale, MaxWindowScale)
            : (sbyte)-1;
        bool sack = (o & TcpOptions.SackPermitted) != 0 && profile.TcpSack;
        bool ts = (o & TcpOptions.Timestamps) != 0 && profile.TcpTimestamps != 0;
        return new(mss, scale, sack, ts, ts ? syn.TsVal : 0);
    }

    /// <summary>tcp_clear_options: what a cookie keeps of a SYN without timestamps (the MSS only).</summary>
    public SynOptions WithoutTimestampOptions() => new(Mss, -1, false, false, 0);
}
