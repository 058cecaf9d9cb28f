using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios;

// sysctl_file: and --sysctl-file: a real server's `sysctl -a` as the profile's overrides (load/README.md, "Profiles
// and sysctl"). Keys the model does not use are counted in a note, not refused; a modelled key's value out of range
// is a problem at its line in that file.
internal sealed partial class ScenarioReader
{
    private const string SysctlFileKey = "sysctl_file";

    private TcpProfile ApplySysctlFile(Fields top, TcpProfile named, HashSet<string> overridden, List<string> set)
    {
        var profile = named;
        if (LocateSysctlFile(top) is not var (path, at, field)) return named;
        string? text;
        var file = _options.Files.TryGetValue(path, out var given)
            ? SysctlFile.Parse(path, text = given)
            : SysctlFile.Read(path, at, field, out text);
        if (text is not null) _filesRead[path] = text;
        foreach (var p in file.Problems) _problems.Add(p);
        if (file.Problems.Count > 0 && file.Settings.Count == 0) return named;

        int applied = 0, ignored = 0, absent = 0, left = 0;
        foreach (var s in file.Settings)
        {
            if (!Sysctls.IsKnown(s.Name)) ignored++;
            else if (profile.Missing.Contains(s.Name)) absent++;
            else if (overridden.Contains(s.Name)) left++;
            else if (!Sysctls.TrySet(profile, s.Name, s.Value, out var result, out var error))
            {
                Problem(new Spot(path, s.Line, s.ValueColumn), s.Name, WithoutName(error, s.Name));
            }
            else
            {
                profile = result;
                applied++;
            }
        }
        // Listed as overrides: the file's keys that change the profile (set is empty still: the file comes first).
        foreach (var name in Sysctls.Names)
            if (!profile.Missing.Contains(name) && Sysctls.Get(profile, name) != Sysctls.Get(named, name))
                set.Add(name);
        var parts = new List<string> { $"{Kinds.N(applied)} {Plural(applied, "setting")} applied",
            $"{Kinds.N(ignored)} {Plural(ignored, "key")} ignored (the model does not use them)" };
        if (absent > 0) parts.Add($"{Kinds.N(absent)} ignored ({profile.Name} has no such sysctl)");
        if (left > 0) parts.Add($"{Kinds.N(left)} left to the scenario's sysctl: or --set, which win");
        Note(at, field, $"'{path}': {string.Join(", ", parts)}");
        return profile;
    }

    // --sysctl-file (relative to the current directory) wins over sysctl_file:, which is relative to the scenario's
    // folder when the file gives it and to the current directory when --set does.
    private (string Path, Spot At, string Field)? LocateSysctlFile(Fields top)
    {
        if (_options.SysctlFile is { } option)
        {
            top.Override(SysctlFileKey);                 // a --set sysctl_file= is taken, unused
            return (option, new Spot("--sysctl-file", 0, 0), SysctlFileKey);
        }
        if (top.Scalar(SysctlFileKey, "the path of a file of `sysctl -a` output") is not { } value) return null;
        if (value.Text.Trim().Length == 0)
        {
            Problem(value.At, value.Field, "is empty; use the path of a file of `sysctl -a` output");
            return null;
        }
        var path = value.At.Line == 0
            ? value.Text.Trim()
            : Path.Combine(Path.GetDirectoryName(_file) ?? "", value.Text.Trim());
        return (path, value.At, value.Field);
    }

    private static string Plural(long n, string word) => n == 1 ? word : word + "s";
}
