using System.Globalization;

namespace TcpSwarm.Tcp;

/// <summary>The sysctls a profile mirrors: each name, its unit, the range Linux accepts, and how it sets the
/// profile.</summary>
public static class Sysctls
{
    private sealed record Entry(string Name, long Min, long Max, string Unit,
        Func<TcpProfile, long> Get, Func<TcpProfile, long, TcpProfile> Set);

    private const long IntMax = int.MaxValue;

    private static readonly Entry[] Table =
    [
        new("net.ipv4.tcp_syn_retries", 1, 127, "", p => p.TcpSynRetries, (p, v) => p with { TcpSynRetries = (int)v }),
        new("net.ipv4.tcp_syn_linear_timeouts", 0, 127, "", p => p.TcpSynLinearTimeouts,
            (p, v) => p with { TcpSynLinearTimeouts = (int)v }),
        new("net.ipv4.tcp_synack_retries", 0, 255, "", p => p.TcpSynackRetries,
            (p, v) => p with { TcpSynackRetries = (int)v }),
        new("net.ipv4.tcp_retries2", 0, 255, "", p => p.TcpRetries2, (p, v) => p with { TcpRetries2 = (int)v }),
        new("net.ipv4.tcp_orphan_retries", 0, 255, "", p => p.TcpOrphanRetries,
            (p, v) => p with { TcpOrphanRetries = (int)v }),
        new("net.ipv4.tcp_fin_timeout", 1, 2_147_483, "s", p => (long)p.TcpFinTimeout.TotalSeconds,
            (p, v) => p with { TcpFinTimeout = TimeSpan.FromSeconds(v) }),
        new("net.ipv4.tcp_syncookies", 0, 2, "", p => p.TcpSyncookies, (p, v) => p with { TcpSyncookies = (int)v }),
        new("net.ipv4.tcp_max_syn_backlog", 0, IntMax, "", p => p.TcpMaxSynBacklog,
            (p, v) => p with { TcpMaxSynBacklog = (int)v }),
        new("net.core.somaxconn", 0, IntMax, "", p => p.Somaxconn, (p, v) => p with { Somaxconn = (int)v }),
        new("net.ipv4.tcp_abort_on_overflow", 0, 1, "", p => p.TcpAbortOnOverflow ? 1 : 0,
            (p, v) => p with { TcpAbortOnOverflow = v != 0 }),
        new("net.ipv4.tcp_max_tw_buckets", 0, IntMax, "", p => p.TcpMaxTwBuckets,
            (p, v) => p with { TcpMaxTwBuckets = (int)v }),
        new("net.ipv4.tcp_tw_reuse", 0, 2, "", p => p.TcpTwReuse, (p, v) => p with { TcpTwReuse = (int)v }),
        new("net.ipv4.tcp_tw_reuse_delay", 1, 2_000_000, "ms", p => (long)p.TcpTwReuseDelay.TotalMilliseconds,
            (p, v) => p with { TcpTwReuseDelay = TimeSpan.FromMilliseconds(v) }),
        new("net.ipv4.tcp_rfc1337", 0, 1, "", p => p.TcpRfc1337 ? 1 : 0, (p, v) => p with { TcpRfc1337 = v != 0 }),
        new("net.ipv4.tcp_timestamps", 0, 2, "", p => p.TcpTimestamps, (p, v) => p with { TcpTimestamps = (int)v }),
        new("net.ipv4.tcp_window_scaling", 0, 1, "", p => p.TcpWindowScaling ? 1 : 0,
            (p, v) => p with { TcpWindowScaling = v != 0 }),
        new("net.ipv4.tcp_sack", 0, 1, "", p => p.TcpSack ? 1 : 0, (p, v) => p with { TcpSack = v != 0 }),
        new("net.ipv4.tcp_rto_min_us", 1000, 120_000_000, "us", p => p.TcpRtoMin.Ticks / 10,
            (p, v) => p with { TcpRtoMin = TimeSpan.FromTicks(v * 10) }),
        new("net.ipv4.tcp_rto_max_ms", 1000, 120_000, "ms", p => (long)p.TcpRtoMax.TotalMilliseconds,
            (p, v) => p with { TcpRtoMax = TimeSpan.FromMilliseconds(v) }),
        new("net.ipv4.tcp_invalid_ratelimit", 0, IntMax, "ms", p => (long)p.TcpInvalidRatelimit.TotalMilliseconds,
            (p, v) => p with { TcpInvalidRatelimit = TimeSpan.FromMilliseconds(v) }),
    ];

    public const string PortRange = "net.ipv4.ip_local_port_range";

    /// <summary>Every sysctl name a profile takes, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Table.Select(e => e.Name).Append(PortRange).Order(StringComparer.Ordinal)];

    public static bool IsKnown(string name) => name == PortRange || Array.Exists(Table, e => e.Name == name);

    /// <summary>The value as sysctl would print it.</summary>
    public static string Get(TcpProfile profile, string name)
    {
        if (name == PortRange) return $"{profile.IpLocalPortRangeLow}\t{profile.IpLocalPortRangeHigh}";
        var e = Array.Find(Table, x => x.Name == name) ?? throw new ArgumentException($"unknown sysctl {name}");
        return e.Get(profile).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What a sysctl accepts, in words, for error messages.</summary>
    public static string Allowed(string name)
    {
        if (name == PortRange) return "two ports 'LOW HIGH' with 1024 <= LOW <= HIGH <= 65535";
        var e = Array.Find(Table, x => x.Name == name);
        if (e is null) return "a known sysctl";
        if (e.Max - e.Min <= 2) return string.Join(", ", Enumerable.Range((int)e.Min, (int)(e.Max - e.Min + 1)));
        var unit = e.Unit.Length > 0 ? " (" + e.Unit + ")" : "";
        return string.Create(CultureInfo.InvariantCulture, $"an integer from {e.Min} to {e.Max}{unit}");
    }

    /// <summary>Sets one sysctl from its text as in /etc/sysctl.conf; on a bad name or value, says what is
    /// allowed.</summary>
    public static bool TrySet(TcpProfile profile, string name, string value, out TcpProfile result, out string error)
    {
        result = profile;
        error = "";
        if (!IsKnown(name))
        {
            error = $"{name}: not a sysctl TcpSwarm models; known: {string.Join(", ", Names)}";
            return false;
        }
        if (profile.Missing.Contains(name))
        {
            error = $"{name}: {profile.Name} has no such sysctl (it came in a later kernel)";
            return false;
        }
        if (name == PortRange) return TrySetPortRange(profile, value, out result, out error);

        var e = Array.Find(Table, x => x.Name == name)!;
        if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            || v < e.Min || v > e.Max)
        {
            error = $"{name}: {value.Trim()} is not allowed; use {Allowed(name)}";
            return false;
        }
        result = e.Set(profile, v);
        return true;
    }

    private static bool TrySetPortRange(TcpProfile profile, string value, out TcpProfile result, out string error)
    {
        result = profile;
        error = $"{PortRange}: '{value.Trim()}' is not allowed; use {Allowed(PortRange)}";
        var parts = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low < 1024 || high > 65535 || low > high)
            return false;
        error = "";
        result = profile with { IpLocalPortRangeLow = low, IpLocalPortRangeHigh = high };
        return true;
    }
}
