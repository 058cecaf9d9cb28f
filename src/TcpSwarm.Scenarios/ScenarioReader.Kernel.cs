using TcpSwarm.Tcp;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

// The kernel a scenario runs: a named profile, then the sysctl file (--sysctl-file, else sysctl_file:) without the
// keys the scenario or --set name, then the sysctls (file order, each replaced by its --set value), then the --set
// sysctls the file does not name, then time_wait. Later steps see earlier ones: a sysctl linux-6.1 lacks is refused
// only under that profile (and skipped, with a count, when it comes from a sysctl file).
internal sealed partial class ScenarioReader
{
    private (TcpProfile Profile, IReadOnlyList<KeyValuePair<string, string>> Sysctls, bool TimeWaitIsStudy)
        ReadKernel(Fields top)
    {
        var name = Read(top, "profile", Kinds.OneOf([.. TcpProfile.Names]), TcpProfile.Names[0]);
        var named = TcpProfile.Named(name);
        var profile = named;
        var set = new List<string>();

        var node = top.Node("sysctl");
        profile = ApplySysctlFile(top, profile, SysctlsNamed(node), set);
        if (node is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                if (k is not YamlScalarNode { Value: { Length: > 0 } sysctl })
                {
                    Problem(SpotOf(k), "sysctl", "a sysctl key must be a name such as net.ipv4.tcp_syncookies");
                    continue;
                }
                var field = "sysctl." + sysctl;
                var value = Overrides.TakeSysctl(sysctl);
                if (value is not null)
                {
                    field = value.Field;
                }
                else
                {
                    if (v is not YamlScalarNode scalar || IsNull(v))
                    {
                        Problem(SpotOf(v), field,
                            $"expected a value as in /etc/sysctl.conf ({Sysctls.Allowed(sysctl)}), "
                            + $"found {Describe(v)}");
                        continue;
                    }
                    value = new ScalarValue(scalar.Value ?? "", SpotOf(scalar), field);
                }
                profile = SetSysctl(profile, sysctl, value, SpotOf(k), field, set);
            }
        }
        else if (node is not null && !IsNull(node))
        {
            Problem(SpotOf(node), "sysctl",
                $"expected a mapping of sysctl names to values (net.ipv4.tcp_syncookies: 1), found {Describe(node)}");
        }
        foreach (var (sysctl, value) in Overrides.TakeRemainingSysctls())
            profile = SetSysctl(profile, sysctl, value, value.At, value.Field, set);

        bool study = false;
        if (TryRead(top, "time_wait", Kinds.Duration(false, Kinds.OneDay), out var timeWait))
        {
            profile = profile with { TimeWaitLength = timeWait };
            study = timeWait != named.TimeWaitLength;
            if (study)
                Note(WhereIs(top, "time_wait"), FieldOf(top, "time_wait"),
                    $"{Units.FormatDuration(timeWait)} differs from {named.Name}'s "
                    + $"{Units.FormatDuration(named.TimeWaitLength)} (TCP_TIMEWAIT_LEN has no sysctl): "
                    + "a study of a kernel that does not exist, and the report says so");
        }
        return (profile, [.. set.Select(s => KeyValuePair.Create(s, Sysctls.Get(profile, s)))], study);
    }

    // The sysctls the scenario's sysctl: mapping or --set name: a sysctl file's value for them is not read.
    private HashSet<string> SysctlsNamed(YamlNode? node)
    {
        var names = new HashSet<string>(Overrides.SysctlNames(), StringComparer.Ordinal);
        if (node is YamlMappingNode map)
            foreach (var k in map.Children.Keys)
                if (k is YamlScalarNode { Value: { Length: > 0 } name }) names.Add(name);
        return names;
    }

    // keyAt locates a name problem (unknown, or missing in this kernel); value.At a value problem.
    private TcpProfile SetSysctl(TcpProfile profile, string name, ScalarValue value, Spot keyAt, string field,
        List<string> set)
    {
        var fromOption = value.At.Line == 0;
        if (!Sysctls.IsKnown(name))
        {
            var near = NearMiss.Find(name, Sysctls.Names);
            Problem(fromOption ? value.At : keyAt, field, near is null
                ? $"not a sysctl TcpSwarm models; known: {string.Join(", ", Sysctls.Names)}"
                : $"not a sysctl TcpSwarm models; did you mean '{near}'?");
            return profile;
        }
        if (!Sysctls.TrySet(profile, name, value.Text, out var result, out var error))
        {
            Problem(fromOption || !profile.Missing.Contains(name) ? value.At : keyAt, field, WithoutName(error, name));
            return profile;
        }
        if (!set.Contains(name)) set.Add(name);
        return result;
    }

    // Sysctls.TrySet's error starts "name: "; a problem already names the sysctl in its field.
    private static string WithoutName(string error, string name) =>
        error.StartsWith(name + ": ", StringComparison.Ordinal) ? error[(name.Length + 2)..] : error;
}
