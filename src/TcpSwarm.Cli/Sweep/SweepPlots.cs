using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace TcpSwarm.Cli.Sweep;

/// <summary>plots/sweep-FIGURE.png: a figure against the first varied key, the mean over seeds as a line, every seed
/// as a dot and the spread across seeds (lowest to highest) as a bar; one line per value of the other keys.</summary>
internal static partial class SweepPlots
{
    public const string Folder = "plots";

    /// <summary>Plotted when --plot names none: what every run has.</summary>
    public static readonly string[] DefaultFigures = ["outcomes.completed", "outcomes.timed_out", "outcomes.reset"];

    public static IReadOnlyList<string> Write(string folder, string scenario, SweepTable table,
        IReadOnlyList<string> figures)
    {
        Directory.CreateDirectory(Path.Combine(folder, Folder));
        var written = new List<string>();
        foreach (var figure in figures)
        {
            int column = IndexOf(table.Figures, figure);
            if (column < 0) continue;
            var path = Path.Combine(folder, Folder, "sweep-" + FileName(figure) + ".png");
            var plot = Plot(scenario, table, figure, column);
            plot.SavePng(path + ".partial", Report.ReportPlots.Width, Report.ReportPlots.Height);
            File.Move(path + ".partial", path, overwrite: true);
            written.Add(path);
        }
        return written;
    }

    private static Plot Plot(string scenario, SweepTable table, string figure, int column)
    {
        var key = table.Keys[0];
        var xValues = table.Rows.Select(r => r.Values[0]).Distinct(StringComparer.Ordinal).ToList();
        var numeric = xValues.Select(Leading).ToList();
        bool onScale = numeric.All(n => n is not null);
        double X(string value) => onScale ? Leading(value)!.Value : xValues.IndexOf(value);

        var plot = new Plot();
        plot.Title($"{scenario}: {figure} against {key} ({table.Rows.Select(r => r.Seed).Distinct().Count()} seeds)");
        plot.XLabel(key);
        plot.YLabel(figure);
        plot.ShowLegend(Alignment.UpperRight);
        if (!onScale)
            plot.Axes.Bottom.SetTicks([.. xValues.Select((_, i) => (double)i)], [.. xValues]);

        foreach (var series in table.Rows.GroupBy(r => string.Join(", ", r.Values.Skip(1).Select((v, i) =>
                     table.Keys[i + 1] + "=" + v)), StringComparer.Ordinal))
        {
            var points = series.GroupBy(r => r.Values[0], StringComparer.Ordinal)
                .Select(g => (X: X(g.Key), Ys: g.Select(r => r.Figures[column]).OfType<double>().ToList()))
                .Where(p => p.Ys.Count > 0).OrderBy(p => p.X).ToList();
            if (points.Count == 0) continue;
            var mean = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(),
                points.Select(p => p.Ys.Average()).ToArray());
            mean.LineWidth = 2;
            mean.LegendText = series.Key.Length == 0 ? "mean over seeds" : series.Key + " (mean)";
            var dots = plot.Add.ScatterPoints(points.SelectMany(p => p.Ys.Select(_ => p.X)).ToArray(),
                points.SelectMany(p => p.Ys).ToArray());
            dots.Color = mean.Color;
            foreach (var p in points.Where(p => p.Ys.Min() < p.Ys.Max()))
            {
                var spread = plot.Add.Line(p.X, p.Ys.Min(), p.X, p.Ys.Max());
                spread.Color = mean.Color;
                spread.LineWidth = 6;
            }
        }
        return plot;
    }

    /// <summary>A figure by its full dotted name, or by a unique suffix (ListenOverflows for
    /// servers.web.counters.ListenOverflows).</summary>
    public static int IndexOf(IReadOnlyList<string> figures, string name)
    {
        for (int i = 0; i < figures.Count; i++)
            if (figures[i] == name) return i;
        var ends = figures.Select((f, i) => (f, i)).Where(x => x.f.EndsWith("." + name, StringComparison.Ordinal))
            .ToList();
        return ends.Count == 1 ? ends[0].i : -1;
    }

    // 128, 4KB, 500/s, 2ms: the leading number puts the values on a scale; anything else is a category.
    private static double? Leading(string value)
    {
        var m = LeadingNumber().Match(value.Replace("_", "", StringComparison.Ordinal));
        return m.Success && double.TryParse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            ? x
            : null;
    }

    private static string FileName(string figure) =>
        string.Concat(figure.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?(?=[A-Za-z/%]*$)")]
    private static partial Regex LeadingNumber();
}
