using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TcpSwarm.Cli.Output;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm compare RUN_A RUN_B`: two runs' figures side by side, with what changed ("does tw_reuse help?").</summary>
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
            "Sets two runs' summary.json side by side: how each was run (its run.json arguments), then every figure "
            + "with its value in each and the difference B - A (and in per cent). Exits 2 when a folder is not a run.")
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
        o.WriteLine();
        var rows = Rows(left, right, all);
        int width = Math.Max(6, rows.Count == 0 ? 0 : rows.Max(r => r.Key.Length));
        o.WriteLine($"{"figure".PadRight(width)}  {"A",14}  {"B",14}  {"B - A",14}  {"change",8}");
        foreach (var (key, va, vb) in rows)
            o.WriteLine($"{key.PadRight(width)}  {Cell(va),14}  {Cell(vb),14}  {Difference(va, vb),14}  {Change(va, vb),8}");
        if (rows.Count == 0) o.WriteLine("(no figure differs)");
        return ExitCodes.Done;
    }

    // Figures in A's order, then those only B has; a figure one run lacks counts as absent, not as zero.
    private static List<(string Key, double? A, double? B)> Rows(FlatSummary left, FlatSummary right, bool all)
    {
        var b = right.Numbers.ToDictionary(n => n.Key, n => n.Value);
        var seen = new HashSet<string>();
        var rows = new List<(string, double?, double?)>();
        foreach (var (key, value) in left.Numbers)
        {
            seen.Add(key);
            double? other = b.TryGetValue(key, out var v) ? v : null;
            if (all || other != value) rows.Add((key, value, other));
        }
        foreach (var (key, value) in right.Numbers)
            if (!seen.Contains(key)) rows.Add((key, null, value));
        return rows;
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
