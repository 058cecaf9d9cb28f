using System.Text.RegularExpressions;
using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    // The sysctls the kernel selftests' defaults.sh sets that the model has, at defaults.sh's values (and its
    // tcp_rmem, whose maximum of 15 MiB makes the window-scale shift 8).
    private static readonly (string Name, string Value)[] DefaultsModelled =
    [
        ("net.ipv4.tcp_timestamps", "1"), ("net.ipv4.tcp_syn_retries", "5"), ("net.ipv4.tcp_synack_retries", "5"),
        ("net.ipv4.tcp_sack", "1"), ("net.ipv4.tcp_syncookies", "1"),
    ];

    // The ones it sets that change nothing the model does (buffers, recovery, congestion control, pacing, ECN off,
    // Fast Open keys): accepted at defaults.sh's own values only.
    private static readonly Dictionary<string, string> DefaultsOutsideModel = new(StringComparer.Ordinal)
    {
        ["net.ipv4.tcp_wmem"] = "4096 262144 4194304",
        ["net.ipv4.tcp_frto"] = "2", ["net.ipv4.tcp_dsack"] = "1", ["net.ipv4.tcp_fack"] = "0",
        ["net.ipv4.tcp_reordering"] = "3", ["net.ipv4.tcp_congestion_control"] = "cubic",
        ["net.ipv4.tcp_slow_start_after_idle"] = "0", ["net.ipv4.tcp_early_retrans"] = "4",
        ["net.ipv4.tcp_recovery"] = "1", ["net.ipv4.tcp_tso_win_divisor"] = "3", ["net.ipv4.tcp_ecn"] = "0",
        ["net.ipv4.tcp_pacing_ss_ratio"] = "200", ["net.ipv4.tcp_pacing_ca_ratio"] = "120",
        ["net.ipv4.tcp_notsent_lowat"] = "4294967295", ["net.ipv4.tcp_fastopen"] = "0x3",
        ["net.ipv4.tcp_fastopen_key"] = "a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4",
    };

    // Sysctls that only size TSO super-segments, accepted at any value: the capture side presents the model's segments
    // merged as far as the script's expected segment spans them (SuperSegment), which is what they would change.
    private static readonly HashSet<string> TsoSizing = new(StringComparer.Ordinal) { "net.ipv4.tcp_min_tso_segs" };

    [GeneratedRegex(@"^sysctl(\s+-[qwe]+)*\s+(?<set>.+)$")]
    private static partial Regex SysctlCommand();

    [GeneratedRegex(@"^echo\s+""?(?<value>[^"">]+?)""?\s*>\s*/proc/sys/(?<name>\S+)$")]
    private static partial Regex EchoCommand();

    [GeneratedRegex(@"^(\S*/)?set_sysctls\.py\s+(?<set>/proc/sys/.+)$")]
    private static partial Regex SetSysctlsCommand();

    [GeneratedRegex(@"^/tmp/sysctl_restore_\$\{?PPID\}?\.sh$")]
    private static partial Regex SysctlRestoreCommand();

    private static string ProcName(string path) =>
        (path.StartsWith("/proc/sys/", StringComparison.Ordinal) ? path["/proc/sys/".Length..] : path)
            .Replace('/', '.');

    [GeneratedRegex(@"(?<name>[\w./]+)=(?:""(?<value>[^""]*)""|(?<value>\S+))")]
    private static partial Regex Assignment();

    private void Command(CommandLine c)
    {
        var profile = _stack.Profile;
        const StringSplitOptions pieces = StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;
        foreach (var raw in c.Command.Split([';', '\n'], pieces).SelectMany(p => p.Split("&&", pieces)))
        {
            var piece = Regex.Replace(raw, @"\s*(2?>\s*/dev/null)?\s*(2>&1)?\s*$", "");
            if (piece.EndsWith("defaults.sh", StringComparison.Ordinal)
                && !piece.Contains(' ', StringComparison.Ordinal))
            {
                foreach (var (name, value) in DefaultsModelled) profile = Set(c, profile, name, value);
                profile = Set(c, profile, "net.ipv4.tcp_rmem", "4096 540000 15728640");
                Note($"`{piece}`: the model's sysctls as defaults.sh sets them");
                continue;
            }
            if (SysctlCommand().Match(piece) is { Success: true } sysctl)
            {
                foreach (Match m in Assignment().Matches(sysctl.Groups["set"].Value))
                    profile = Set(c, profile, m.Groups["name"].Value.Replace('/', '.'), m.Groups["value"].Value);
                Note($"`{piece}`");
                continue;
            }
            // The test suites' set_sysctls.py: PATH=VALUE pairs under /proc/sys, set as sysctl would.
            if (SetSysctlsCommand().Match(piece) is { Success: true } script)
            {
                foreach (Match m in Assignment().Matches(script.Groups["set"].Value))
                    profile = Set(c, profile, ProcName(m.Groups["name"].Value), m.Groups["value"].Value);
                Note($"`{piece}`");
                continue;
            }
            if (EchoCommand().Match(piece) is { Success: true } echo)
            {
                profile = Set(c, profile, echo.Groups["name"].Value.Replace('/', '.'), echo.Groups["value"].Value);
                Note($"`{piece}`");
                continue;
            }
            if (piece.StartsWith("tc ", StringComparison.Ordinal))
                throw DrillStop.Unsupported(c.Line, $"the command `{piece}`: the model has no local qdisc, so no "
                    + "packets dropped before the wire and no TCP_RESOURCE_PROBE_INTERVAL retries");
            // The restore script set_sysctls.py leaves for the end of a test: the run ends with the script anyway.
            if (SysctlRestoreCommand().IsMatch(piece))
            {
                Note($"`{piece}`: the sysctls end with the run");
                continue;
            }
            throw DrillStop.Unsupported(c.Line, $"the command `{piece}` (only sysctl settings and defaults.sh)");
        }
        if (profile == _stack.Profile) return;
        if (!_stack.Pristine)
            throw DrillStop.Unsupported(c.Line, "a sysctl changed after a socket was made");
        _stack.Reconfigure(profile);
    }

    // tcp_rmem's maximum decides the window-scale shift a SYN offers (tcp_select_initial_window: halve the larger of
    // tcp_rmem[2] and rmem_max, 212992 by default, until it fits 16 bits); the model's profile carries that shift.
    private static TcpProfile WithReceiveBuffer(CommandLine c, TcpProfile profile, string value)
    {
        var parts = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !long.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var max) || max <= 0)
            throw DrillStop.Unsupported(c.Line, $"net.ipv4.tcp_rmem={value}: three sizes MIN DEFAULT MAX are expected");
        long space = Math.Max(max, 212_992);
        byte shift = 0;
        while (space > ushort.MaxValue && shift < 14)
        {
            space >>= 1;
            shift++;
        }
        return profile with { WindowScaleShift = shift };
    }

    private static TcpProfile Set(CommandLine c, TcpProfile profile, string name, string value)
    {
        value = value.Trim();
        if (Sysctls.IsKnown(name))
        {
            if (!Sysctls.TrySet(profile, name, value, out var result, out var error))
                throw DrillStop.Unsupported(c.Line, error);
            return result;
        }
        if (name == "net.ipv4.tcp_rmem") return WithReceiveBuffer(c, profile, value);
        if (TsoSizing.Contains(name)) return profile;
        if (DefaultsOutsideModel.TryGetValue(name, out var same)
            && string.Join(' ', value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)) == same)
            return profile;
        throw DrillStop.Unsupported(c.Line, $"sysctl {name}={value} (the model has no such setting)");
    }
}
