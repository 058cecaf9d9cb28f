namespace TcpSwarm.Cli.Bench;

/// <summary>A plain text table: the first column left-aligned, the others right-aligned, two spaces apart.</summary>
internal sealed class TextTable(params string[] header)
{
    private readonly List<string[]> _rows = [header];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int columns = _rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (var row in _rows)
            for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in _rows)
        {
            var cells = new string[row.Length];
            for (int c = 0; c < row.Length; c++)
                cells[c] = c == 0 ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]);
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
