using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TcpSwarm.Cli.Report;

/// <summary>What report.md takes from run.json: how the scenario was changed for the run, whether it ran to its end,
/// and its checks.</summary>
/// <remarks>run.json is optional here: a folder without one (or from before it kept the setup) is reported from its
/// data files alone, and the report says it cannot name the overrides.</remarks>
internal static class ReportSetup
{
    /// <summary>The paragraph after the profile line: every override and the sysctl file, and the interruption.
    /// </summary>
    public static void AppendRun(StringBuilder md, JsonElement? run, double virtualSeconds, double durationSeconds)
    {
        if (run is not { } r)
        {
            md.Append("No run.json beside the data files: the overrides and how the run ended are not known.\n\n");
            return;
        }
        var status = r.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status is "interrupted" or "cluster_failed")
            md.Append(status == "interrupted" ? "**Interrupted at " : "**The cluster failed at ")
                .Append(Seconds(virtualSeconds)).Append(" s** of the ").Append(Seconds(durationSeconds))
                .Append(" s asked for: every figure below covers those ").Append(Seconds(virtualSeconds))
                .Append(" s only.\n\n");
        if (!r.TryGetProperty("setup", out var setup) || setup.ValueKind != JsonValueKind.Object)
        {
            md.Append("run.json does not record the overrides (written by an earlier tcpswarm).\n\n");
            return;
        }
        var sets = setup.GetProperty("sets").EnumerateArray().Select(x => x.GetString()).ToList();
        var file = setup.GetProperty("sysctl_file") is { ValueKind: JsonValueKind.String } f ? f.GetString() : null;
        var changed = setup.GetProperty("sysctl_overrides").EnumerateObject()
            .Select(p => p.Name + " = " + p.Value.GetString()).ToList();
        if (sets.Count == 0 && file is null && changed.Count == 0)
        {
            md.Append("Overrides: none; the scenario and profile `").Append(setup.GetProperty("profile").GetString())
                .Append("` as written.\n\n");
            return;
        }
        md.Append("Overrides: ");
        var parts = new List<string>();
        if (sets.Count > 0) parts.Add(string.Join(", ", sets.Select(x => "`--set " + x + "`")));
        if (file is not null) parts.Add("sysctl file `" + file + "`");
        if (changed.Count > 0)
            parts.Add("sysctls that differ from the profile: " + string.Join(", ", changed.Select(c => "`" + c + "`")));
        md.Append(string.Join("; ", parts)).Append(".\n\n");
    }

    /// <summary>The checks, each with its measured value and verdict; nothing when the run had none.</summary>
    public static void AppendChecks(StringBuilder md, JsonElement? run)
    {
        if (run is not { } r || !r.TryGetProperty("checks", out var checks)
                             || checks.ValueKind != JsonValueKind.Array || checks.GetArrayLength() == 0)
            return;
        int failed = checks.EnumerateArray().Count(c => !c.GetProperty("passed").GetBoolean());
        md.Append("## Checks\n\n").Append(failed == 0
                ? $"All {checks.GetArrayLength()} checks passed.\n\n"
                : $"{failed} of {checks.GetArrayLength()} checks failed: the run exits 5.\n\n")
            .Append("| check | field | measured | verdict |\n| --- | --- | ---: | --- |\n");
        foreach (var c in checks.EnumerateArray())
            md.Append("| `").Append(c.GetProperty("check").GetString()).Append("` | ")
                .Append(c.GetProperty("field").GetString()).Append(" | ").Append(c.GetProperty("shown").GetString())
                .Append(" | ").Append(c.GetProperty("passed").GetBoolean() ? "pass" : "**fail**").Append(" |\n");
        md.Append('\n');
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
