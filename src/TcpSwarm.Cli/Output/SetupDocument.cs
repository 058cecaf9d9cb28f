using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Output;

/// <summary>run.json's account of how the scenario was changed for this run: the profile, every --set, the sysctl
/// file, the sysctls that differ from the profile and every effective sysctl, so a report and compare can name them.
/// </summary>
/// <param name="Profile">The kernel profile the run started from.</param>
/// <param name="SysctlFile">The sysctl file read (--sysctl-file or the scenario's sysctl_file:), as named; or null.
/// </param>
/// <param name="Sets">Every --set KEY=VALUE, in command-line order.</param>
/// <param name="SysctlOverrides">The sysctls the scenario, its sysctl file or --set changed, with their values.</param>
/// <param name="Sysctls">Every sysctl the model uses, with the value the run used.</param>
internal sealed record SetupDocument(string Profile, string? SysctlFile, IReadOnlyList<string> Sets,
    NamedMap<string> SysctlOverrides, NamedMap<string> Sysctls)
{
    public static SetupDocument Of(Scenario scenario, ScenarioOverrides overrides,
        IReadOnlyDictionary<string, string> filesRead) =>
        new(scenario.Profile.Name, overrides.SysctlFile ?? filesRead.Keys.FirstOrDefault(),
            [.. overrides.Sets.Select(s => s.Key + "=" + s.Value)],
            new NamedMap<string>([.. scenario.SysctlOverrides]),
            new NamedMap<string>([.. Tcp.Sysctls.Names.Where(n => !scenario.Profile.Missing.Contains(n))
                .Select(n => new KeyValuePair<string, string>(n, Tcp.Sysctls.Get(scenario.Profile, n)))]));
}
