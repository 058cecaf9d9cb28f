using System.Globalization;
using System.Text.RegularExpressions;

namespace TcpSwarm.Scenarios;

/// <summary>Reads `PATH OP VALUE` into a <see cref="RunCheck"/>, or says what is wrong and what is allowed.</summary>
internal static partial class CheckParser
{
    public const string Form =
        "PATH OP VALUE: a dotted path into summary.json (outcomes.port_exhausted, servers.web.peak_syn_queue), one of "
        + "< <= > >= == !=, and a number, optionally with a unit: ms or s (against a field ending _ms) or % (against "
        + "a fraction); for example 'handshake.p99 < 1s' or 'outcomes.port_exhausted == 0'";

    public static bool TryParse(string text, string file, int line, int column, string field, out RunCheck check,
        out string error)
    {
        check = null!;
        var m = Expression().Match(text);
        if (!m.Success)
        {
            error = $"'{text}' is not a check; write {Form}";
            return false;
        }
        var path = m.Groups["path"].Value;
        if (path.Split('.').Any(p => p.Length == 0))
        {
            error = $"'{path}' has an empty part; write the path as summary.json nests it: outcomes.timed_out";
            return false;
        }
        var number = m.Groups["number"].Value.Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{m.Groups["number"].Value}' is not a number; use digits with an optional fraction (1.5)";
            return false;
        }
        var (unit, scale) = m.Groups["unit"].Value switch
        {
            "" => (CheckUnit.None, 1.0),
            "us" => (CheckUnit.Duration, 1e-6),
            "ms" => (CheckUnit.Duration, 1e-3),
            "s" => (CheckUnit.Duration, 1.0),
            "min" => (CheckUnit.Duration, 60.0),
            "h" => (CheckUnit.Duration, 3600.0),
            "%" => (CheckUnit.Percent, 0.01),
            _ => (CheckUnit.None, double.NaN),
        };
        if (double.IsNaN(scale))
        {
            error = $"'{m.Groups["unit"].Value}' is not a unit a check takes; use ms, s (us, min, h) or %, or none";
            return false;
        }
        check = new RunCheck(text.Trim(), path, m.Groups["op"].Value, value * scale, unit, file, line, column, field);
        error = "";
        return true;
    }

    [GeneratedRegex(@"^\s*(?<path>[A-Za-z0-9_.\-]+)\s*(?<op><=|>=|==|!=|<|>)\s*"
                    + @"(?<number>[+\-]?[0-9][0-9_]*(\.[0-9_]+)?)\s*(?<unit>[A-Za-z%]*)\s*$")]
    private static partial Regex Expression();
}
