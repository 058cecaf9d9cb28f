using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Model;

/// <summary>A validated scenario: everything one run simulates, each value typed and checked in range.</summary>
/// <remarks>
/// Built only by the scenario loader, so every name a spec refers to (a target, a path's ends, a fault's hosts)
/// names something in the same scenario, every (client group or attacker, server) pair in use has exactly one
/// path, and every window lies inside [0, <see cref="Duration"/>]. Lists keep the file's order.
/// </remarks>
/// <param name="Name">The scenario file's name without its extension (runs/NAME-SEED/).</param>
/// <param name="Question">The file's first comment line: the question the scenario answers; empty when none.</param>
/// <param name="Seed">Every random draw is keyed by (Seed, entity); the command line's --seed wins.</param>
/// <param name="Duration">Virtual time simulated, from 0; above 0, at most one day.</param>
/// <param name="Profile">The resolved kernel: the named profile, then the sysctl overrides, then time_wait.</param>
/// <param name="SysctlOverrides">The sysctls the scenario or --set changed, in the order first set, each with its
/// final value as sysctl prints it.</param>
/// <param name="TimeWaitIsStudy">True when time_wait differs from the profile's TCP_TIMEWAIT_LEN (Linux fixes 60 s):
/// the run studies a value no stock kernel has, and its report must say so.</param>
/// <param name="SampleInterval">The interval of virtual time between two time-series rows; at most Duration.</param>
/// <param name="Speed">How fast virtual time may run against wall time.</param>
/// <param name="Servers">At least one.</param>
/// <param name="Clients">Client groups; Clients and Attackers are not both empty.</param>
/// <param name="Attackers">Spoofed-SYN sources.</param>
/// <param name="Paths">One per (client group or attacker, server) pair in use, used in both directions.</param>
/// <param name="Faults">Scheduled faults, in the file's order.</param>
/// <param name="Trace">Which connections get a segment trace (ladder and pcap).</param>
public sealed record Scenario(
    string Name,
    string Question,
    ulong Seed,
    TimeSpan Duration,
    TcpProfile Profile,
    IReadOnlyList<KeyValuePair<string, string>> SysctlOverrides,
    bool TimeWaitIsStudy,
    TimeSpan SampleInterval,
    Pacing Speed,
    IReadOnlyList<ServerSpec> Servers,
    IReadOnlyList<ClientGroupSpec> Clients,
    IReadOnlyList<AttackerSpec> Attackers,
    IReadOnlyList<PathSpec> Paths,
    IReadOnlyList<FaultSpec> Faults,
    TraceSpec Trace)
{
    /// <summary>The lookahead L of docs/virtual-time.md: the smallest latency floor of any path, above 0.</summary>
    public TimeSpan Lookahead
    {
        get
        {
            var lookahead = TimeSpan.MaxValue;
            foreach (var path in Paths)
                if (path.Latency.Floor < lookahead) lookahead = path.Latency.Floor;
            return lookahead;
        }
    }

    /// <summary>The server a client group or attacker targets, by name.</summary>
    public ServerSpec Server(string name) =>
        Servers.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"no server named {name}", nameof(name));

    /// <summary>The path between a client group or attacker and a server.</summary>
    public PathSpec Path(string from, string to) =>
        Paths.FirstOrDefault(p => p.From == from && p.To == to)
        ?? throw new ArgumentException($"no path from {from} to {to}", nameof(from));
}
