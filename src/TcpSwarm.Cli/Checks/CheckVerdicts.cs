using System.Globalization;
using System.Text.Json;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Checks;

/// <summary>The run's checks: their paths resolved before the run, their verdicts from summary.json after it.
/// </summary>
internal sealed class CheckVerdicts
{
    private readonly List<(RunCheck Check, string Field)> _checks;

    private CheckVerdicts(List<(RunCheck, string)> checks) => _checks = checks;

    public int Count => _checks.Count;

    /// <summary>Resolves every check against summary.json's shape and the scenario's names; the problems of those
    /// that name nothing (a bad path is bad input: nothing runs).</summary>
    public static CheckVerdicts Resolve(IReadOnlyList<RunCheck> checks, Scenario scenario,
        List<ScenarioProblem> problems)
    {
        var resolved = new List<(RunCheck, string)>();
        foreach (var check in checks)
        {
            var (field, problem) = CheckPaths.Resolve(check, scenario);
            if (problem is not null) problems.Add(problem);
            else resolved.Add((check, field!));
        }
        return new CheckVerdicts(resolved);
    }

    /// <summary>Each check against summary.json as written; a counter Linux never counted there is 0.</summary>
    public IReadOnlyList<CheckDocument> Judge(byte[] summaryJson)
    {
        using var summary = JsonDocument.Parse(summaryJson);
        var verdicts = new List<CheckDocument>();
        foreach (var (check, field) in _checks)
        {
            double measured = Value(summary.RootElement, field);
            double limit = Limit(check, field);
            verdicts.Add(new CheckDocument(check.Text, check.Location, field, double.IsNaN(measured) ? null : measured,
                Format(measured, field, check.Unit == CheckUnit.Percent), check.Operator, limit,
                !double.IsNaN(measured) && RunCheck.Holds(measured, check.Operator, limit)));
        }
        return verdicts;
    }

    /// <summary>The check's value in its field's unit: a duration in ms for an _ms field, a percentage as a fraction.
    /// </summary>
    public static double Limit(RunCheck check, string field) => check.Unit switch
    {
        CheckUnit.Duration when field.EndsWith("_ms", StringComparison.Ordinal) => check.Value * 1000,
        _ => check.Value,
    };

    // Resolved before the run, so every part is there, but for counters: summary.json lists only those that counted.
    // Anything else missing (a figure the run could not measure) is no value, and fails its check.
    private static double Value(JsonElement root, string field)
    {
        var e = root;
        string previous = "";
        foreach (var part in field.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out var next))
                return previous == "counters" ? 0 : double.NaN;
            e = next;
            previous = part;
        }
        return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;
    }

    /// <summary>A value as the check's reader wants it: ms and seconds with their unit, fractions as per cent.
    /// </summary>
    public static string Format(double value, string field, bool fraction)
    {
        if (double.IsNaN(value)) return "none";
        var unit = field.EndsWith("_ms", StringComparison.Ordinal) ? " ms"
            : field.EndsWith("_seconds", StringComparison.Ordinal) ? " s" : "";
        if (fraction && unit.Length == 0)
            return (value * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
        return (value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.###", CultureInfo.InvariantCulture)) + unit;
    }
}
