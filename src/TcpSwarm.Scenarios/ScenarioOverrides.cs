namespace TcpSwarm.Scenarios;

/// <summary>The command line's changes to a scenario; each wins over the file's value.</summary>
public sealed record ScenarioOverrides
{
    /// <summary>No change.</summary>
    public static ScenarioOverrides None { get; } = new();

    /// <summary>--seed N: wins over the file's seed and over --set seed=.</summary>
    public ulong? Seed { get; init; }

    /// <summary>--speed max|F: wins over the file's speed and over --set speed=.</summary>
    public string? Speed { get; init; }

    /// <summary>--sysctl-file FILE: `sysctl -a` output whose modelled keys override the profile, relative to the
    /// current directory; wins over the scenario's sysctl_file (which is then not read). The scenario's sysctl: keys
    /// and --set win over the file's values.</summary>
    public string? SysctlFile { get; init; }

    /// <summary>Files the scenario refers to (a sysctl_file:, a --sysctl-file), by the path the loader would read,
    /// given as text instead of read from disk: a silo of a cluster loads the scenario exactly as the process that
    /// started the run read it (<see cref="ScenarioLoadResult.FilesRead"/>).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>--set KEY=VALUE, in command-line order (a later one for the same key wins). KEY is a sysctl name
    /// (net.ipv4.tcp_syncookies), a top-level key (seed, duration, profile, time_wait, sample_interval, speed,
    /// trace.sample, trace.max), or servers.NAME.FIELD, clients.NAME.FIELD, attackers.NAME.FIELD for a scalar field
    /// (nested ones too: clients.browsers.session.think, servers.web.accept.rate).</summary>
    public IReadOnlyList<(string Key, string Value)> Sets { get; init; } = [];

    /// <summary>--check EXPR, in command-line order: conditions the run must meet, after the scenario's checks:.
    /// </summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
}
