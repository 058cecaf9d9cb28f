using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TcpSwarm.Cli.Output;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm compare RUN_A RUN_B`: two runs' figures side by side, with what changed ("does tw_reuse
/// help?").</summary>
internal static class CompareVerb
{
    public static Command Build(CliEnvironment env)
    {
        var first = new Argument<string>("RUN_A")
        {
            Description = "A run folder (summary.json, run.json), or a sweep point's folder (SWEEP/KEY=VALUE): the "
                          + "means over its seeds.",
        };
        var second = new Argument<string>("RUN_B") { Description = "Another run folder to set beside it." };
        var all = new Option<bool>("--all")
        {
            Description = "List every figure, not only those that differ. Default: only differences.",
        };
        var command = new Command("compare",
            "Sets two runs' summary.json side by side: how each was run (its run.json arguments) and the effective "
            + "sysctls that differ, then every figure with its value in each and the difference B - A (and in per "
            + "cent); a counter a run never counted is 0. When the runs simulated different durations, totals are "
            + "compared per virtual second. Exits 2 when a folder is not a run.")
        {
            first, second, all,
        };
        command.SetAction(parsed => Execute(parsed.GetRequiredValue(first), parsed.GetRequiredValue(second),
            parsed.GetValue(all), env));
        return command;
    }

    private static int Execute(string a, string b, bool all, CliEnvironment env)
    {
        var left = Sweep.PointSummary.Read(a, out var problemA);
        var right = Sweep.PointSummary.Read(b, out var problemB);
        if (left is null || right is null)
        {
            if (left is null) env.Error.WriteLine("error: " + problemA);
            if (right is null) env.Error.WriteLine("error: " + problemB);
            env.Error.WriteLine("nothing was compared.");
            return ExitCodes.BadInput;
        }
        var o = env.Out;
        o.WriteLine($"A  {a}  {Invocation(a)}");
        o.WriteLine($"B  {b}  {Invocation(b)}");
        foreach (var (key, value) in left.Text)
        {
            var other = right.Text.FirstOrDefault(t => t.Key == key).Value ?? "-";
            o.WriteLine($"{key}: {value}" + (other == value ? "" : $"  |  {other}"));
        }
        WriteSysctls(a, b, o);
        o.WriteLine();

        // Runs of different lengths: totals per virtual second, or the longer run always looks worse.
        double durationA = Duration(left), durationB = Duration(right);
        bool perSecond = durationA > 0 && durationB > 0 && durationA != durationB;
        if (perSecond)
            o.WriteLine($"The runs simulated {FlatSummary.Format(durationA)} s and {FlatSummary.Format(durationB)} s "
                        + "of virtual time: totals (marked /s) are per virtual second; peaks, limits and times as "
                        + "they are.");
        var rows = Rows(left, right, all, perSecond ? durationA : 1, perSecond ? durationB : 1);
        int width = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length));
        o.WriteLine($"{"figure".PadRight(width)}  {"A",14}  {"B",14}  {"B - A",14}  {"change",8}");
        foreach (var (key, va, vb) in rows)
            o.WriteLine($"{key.PadRight(width)}  {Cell(va),14}  {Cell(vb),14}  {Difference(va, vb),14}  "
                        + $"{Change(va, vb),8}");
        if (rows.Count == 0) o.WriteLine("(no figure differs)");
        return ExitCodes.Done;
    }

    private static double Duration(FlatSummary summary) =>
        summary.Numbers.FirstOrDefault(n => n.Key == "virtual_seconds").Value;

    // Figures in A's order, then those only B has. A Linux counter one run lacks is 0 there (summary.json lists only
    // the counters that counted); any other figure one run lacks is absent ("-"), not zero.
    private static List<(string Key, double? A, double? B)> Rows(FlatSummary left, FlatSummary right, bool all,
        double secondsA, double secondsB)
    {
        var a = left.Numbers.ToDictionary(n => n.Key, n => n.Value);
        var b = right.Numbers.ToDictionary(n => n.Key, n => n.Value);
        var keys = left.Numbers.Select(n => n.Key)
            .Concat(right.Numbers.Select(n => n.Key).Where(k => !a.ContainsKey(k)));
        var rows = new List<(string, double?, double?)>();
        foreach (var key in keys)
        {
            double? va = Value(a, key), vb = Value(b, key);
            bool total = secondsA != secondsB && IsTotal(key);
            if (total)
            {
                va /= secondsA;
                vb /= secondsB;
            }
            if (all || va != vb) rows.Add((total ? key + " /s" : key, va, vb));
        }
        return rows;
    }

    private static double? Value(Dictionary<string, double> figures, string key) =>
        figures.TryGetValue(key, out var v) ? v : key.Contains(".counters.", StringComparison.Ordinal) ? 0 : null;

    // A figure that adds up over the run (a count of events), not a peak, a limit, a level, a time or a fraction.
    private static bool IsTotal(string key)
    {
        var last = key[(key.LastIndexOf('.') + 1)..];
        if (last == "open") return false;            // connections still open at the end: a level, not a count
        return key.Contains(".counters.", StringComparison.Ordinal)
               || key.StartsWith("outcomes.", StringComparison.Ordinal)
               || key.Contains(".outcomes.", StringComparison.Ordinal)
               || last is "attempts" or "admitted" or "accepted" or "spoofed_syns" or "lost" or "completed" or "count";
    }

    // The effective sysctls of the two runs (run.json's setup) where they differ.
    private static void WriteSysctls(string a, string b, TextWriter o)
    {
        var left = Sysctls(a);
        var right = Sysctls(b);
        if (left is null || right is null)
        {
            o.WriteLine("sysctls: not compared (a run.json does not record them)");
            return;
        }
        var differ = left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
            .Where(k => left.GetValueOrDefault(k) != right.GetValueOrDefault(k)).ToList();
        if (differ.Count == 0) o.WriteLine("sysctls: the same in both runs");
        foreach (var key in differ)
            o.WriteLine($"{key}: {Shown(left.GetValueOrDefault(key))}  |  {Shown(right.GetValueOrDefault(key))}");
    }

    private static string Shown(string? value) => value is null ? "(not in this profile)" : value.Replace('\t', ' ');

    private static Dictionary<string, string>? Sysctls(string folder)
    {
        var path = Path.Combine(folder, RunFiles.RunFile);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("setup", out var setup) || setup.ValueKind != JsonValueKind.Object)
                return null;
            return setup.GetProperty("sysctls").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Cell(double? v) => v is { } x ? FlatSummary.Format(x) : "-";

    private static string Difference(double? a, double? b) =>
        a is { } x && b is { } y ? (y - x >= 0 ? "+" : "") + FlatSummary.Format(y - x) : "";

    private static string Change(double? a, double? b) => a is { } x && b is { } y && x != 0
        ? ((y - x) / Math.Abs(x)).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)
        : "";

    private static string Invocation(string folder)
    {
        var path = Path.Combine(folder, RunFiles.RunFile);
        if (!File.Exists(path)) return "(no run.json)";
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.TryGetProperty("arguments", out var args)
                ? "tcpswarm " + string.Join(' ', args.EnumerateArray().Select(x => x.GetString()))
                : "";
        }
        catch (JsonException)
        {
            return "(run.json unreadable)";
        }
    }
}
