using System.Globalization;

namespace TcpSwarm.Calibration.Table;

/// <summary>The side-by-side table calibrate prints: one line a row, columns aligned, then the verdict. A row whose
/// kernel timing cannot be trusted reads "untrusted" with the reason, and counts as neither agreement nor
/// disagreement.</summary>
public static class CalibrationTable
{
    private static readonly string[] Header =
        ["experiment", "quantity", "kernel", "simulator", "difference", "tolerance", "", "why"];

    public static void Write(IReadOnlyList<CalibrationRow> rows, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        var cells = new List<string[]> { Header };
        cells.AddRange(rows.Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        bool[] right = [false, false, true, true, true, true, false, false];
        foreach (var r in cells)
            output.WriteLine(string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell
                : right[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        int beyond = rows.Count(r => r.Disagrees);
        int untrusted = rows.Count(r => r.Untrusted is not null);
        output.WriteLine();
        output.WriteLine((beyond, untrusted) switch
        {
            (0, 0) => $"{rows.Count} rows, all within tolerance.",
            (0, _) => $"{rows.Count - untrusted} of {rows.Count} rows within tolerance; {untrusted} untrusted (the "
                      + "kernel side's timing, on a machine this busy): rerun on a quieter machine to compare them.",
            (_, 0) => $"{beyond} of {rows.Count} rows beyond tolerance (marked DIFF).",
            _ => $"{beyond} of {rows.Count} rows beyond tolerance (marked DIFF); {untrusted} untrusted.",
        });
    }

    private static string[] Cells(CalibrationRow r) =>
    [
        r.Experiment, r.Quantity, Value(r.Kernel, r.Unit), Value(r.Simulator, r.Unit), Signed(r.Difference, r.Unit),
        Band(r.Tolerance, r.Unit), r.Verdict,
        r.Untrusted is { } why ? "untrusted timing: " + why : r.Tolerance.Why,
    ];

    private static string Value(double v, string unit) => double.IsNaN(v) ? "none" : unit switch
    {
        "s" => v.ToString("0.000", CultureInfo.InvariantCulture) + " s",
        "/s" => v.ToString("0.00", CultureInfo.InvariantCulture) + "/s",
        _ => v.ToString("0", CultureInfo.InvariantCulture),
    };

    // The sign of the value as printed: a difference that rounds to 0 shows no sign.
    private static string Signed(double v, string unit)
    {
        if (double.IsNaN(v)) return "";
        var text = Value(Math.Abs(v), unit);
        bool zero = text.TrimEnd('s', '/', ' ').Trim('0', '.').Length == 0;
        return (zero ? "" : v > 0 ? "+" : "-") + text;
    }

    private static string Band(Tolerance t, string unit)
    {
        if (t.Below == 0 && t.Above == 0) return "0";
        if (Math.Abs(t.Below - t.Above) < 1e-12) return "±" + Value(t.Above, unit);
        return $"-{Value(t.Below, unit)}..+{Value(t.Above, unit)}";
    }
}
