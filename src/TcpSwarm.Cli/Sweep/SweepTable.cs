using System.Globalization;
using System.Text;
using TcpSwarm.Cli.Output;

namespace TcpSwarm.Cli.Sweep;

/// <summary>sweep.csv: one row per run, in grid order: the varied values, the seed, the run's folder, then every
/// figure of its summary.json by its dotted name (as `compare` names them). A counter a run never counted is 0, as
/// nstat shows it; another figure a run lacks is empty.</summary>
internal sealed record SweepTable(IReadOnlyList<string> Keys, IReadOnlyList<string> Figures,
    IReadOnlyList<SweepTable.Row> Rows)
{
    public const string File = "sweep.csv";
    private const string SeedColumn = "seed", FolderColumn = "folder";

    /// <summary>One run: its varied values (in Keys' order), seed, folder (relative) and figures (in Figures' order;
    /// null when absent).</summary>
    public sealed record Row(IReadOnlyList<string> Values, ulong Seed, string Folder, IReadOnlyList<double?> Figures);

    public static SweepTable Of(IReadOnlyList<string> keys, IReadOnlyList<(SweepPoint Point, FlatSummary Summary)> runs)
    {
        var figures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, summary) in runs)
            foreach (var (key, _) in summary.Numbers)
                if (key != "seed" && seen.Add(key)) figures.Add(key);
        var rows = runs.Select(r =>
        {
            var numbers = r.Summary.Numbers.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
            var cells = figures.Select(f => numbers.TryGetValue(f, out var v) ? v
                : f.Contains(".counters.", StringComparison.Ordinal) ? 0 : (double?)null).ToList();
            return new Row(r.Point.Set.Select(s => s.Value).ToList(), r.Point.Seed,
                r.Point.RunFolder.Replace('\\', '/'), cells);
        }).ToList();
        return new SweepTable(keys, figures, rows);
    }

    public byte[] Csv()
    {
        var b = new StringBuilder();
        b.AppendJoin(',', Keys.Concat([SeedColumn, FolderColumn]).Concat(Figures).Select(Quote)).Append('\n');
        foreach (var row in Rows)
        {
            b.AppendJoin(',', row.Values.Select(Quote)
                .Concat([row.Seed.ToString(CultureInfo.InvariantCulture), Quote(row.Folder)])
                .Concat(row.Figures.Select(v => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "")));
            b.Append('\n');
        }
        return Encoding.UTF8.GetBytes(b.ToString());
    }

    /// <summary>Reads sweep.csv back; null with the reason when it is not one.</summary>
    public static SweepTable? Read(string path, out string problem)
    {
        problem = "";
        var lines = System.IO.File.ReadAllLines(path).Where(l => l.Length > 0).Select(Split).ToList();
        int seedAt = lines.Count == 0 ? -1 : lines[0].IndexOf(SeedColumn);
        if (seedAt < 0 || seedAt + 1 >= lines[0].Count || lines[0][seedAt + 1] != FolderColumn)
        {
            problem = $"{path}: not a sweep table (no seed and folder columns)";
            return null;
        }
        var header = lines[0];
        var rows = new List<Row>();
        for (int i = 1; i < lines.Count; i++)
        {
            var cells = lines[i];
            if (cells.Count != header.Count
                || !ulong.TryParse(cells[seedAt], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
            {
                problem = $"{path}:{i + 1}: expected {header.Count} cells with a seed";
                return null;
            }
            var figures = cells.Skip(seedAt + 2).Select(c => c.Length == 0 ? (double?)null
                : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
            rows.Add(new Row(cells.Take(seedAt).ToList(), seed, cells[seedAt + 1], figures));
        }
        return new SweepTable(header.Take(seedAt).ToList(), header.Skip(seedAt + 2).ToList(), rows);
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n']) < 0
            ? text
            : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') cell.Append(line[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
