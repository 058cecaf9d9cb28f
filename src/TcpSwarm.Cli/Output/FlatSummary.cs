using System.Globalization;
using System.Text.Json;

namespace TcpSwarm.Cli.Output;

/// <summary>A summary.json read back as dotted paths: `outcomes.completed`,
/// `servers.web.counters.ListenOverflows`.</summary>
internal sealed class FlatSummary
{
    private FlatSummary(
        IReadOnlyList<KeyValuePair<string, string>> text, IReadOnlyList<KeyValuePair<string, double>> numbers)
    {
        Text = text;
        Numbers = numbers;
    }

    /// <summary>A summary made of figures already read (a sweep point's means over its seeds).</summary>
    public static FlatSummary Of(IReadOnlyList<KeyValuePair<string, string>> text,
        IReadOnlyList<KeyValuePair<string, double>> numbers) => new(text, numbers);

    /// <summary>The non-numeric fields (scenario, profile), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Text { get; }

    /// <summary>Every number, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Numbers { get; }

    /// <summary>Reads RUN_DIR/summary.json; null with a located reason when it is missing or not a summary.</summary>
    public static FlatSummary? Read(string folder, out string problem)
    {
        problem = "";
        var path = Path.Combine(folder, RunFiles.SummaryFile);
        if (!File.Exists(path))
        {
            problem = $"{path}: no such file; give a run folder that `tcpswarm run` wrote";
            return null;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            if (!doc.RootElement.TryGetProperty("attempts", out _))
            {
                problem = $"{path}: not a TcpSwarm summary (no attempts)";
                return null;
            }
            var text = new List<KeyValuePair<string, string>>();
            var numbers = new List<KeyValuePair<string, double>>();
            Flatten(doc.RootElement, "", text, numbers);
            return new FlatSummary(text, numbers);
        }
        catch (JsonException e)
        {
            problem = $"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON";
            return null;
        }
    }

    private static void Flatten(JsonElement e, string path, List<KeyValuePair<string, string>> text,
        List<KeyValuePair<string, double>> numbers)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    Flatten(p.Value, path.Length == 0 ? p.Name : path + "." + p.Name, text, numbers);
                break;
            case JsonValueKind.Number:
                numbers.Add(new(path, e.GetDouble()));
                break;
            case JsonValueKind.String:
                text.Add(new(path, e.GetString() ?? ""));
                break;
            default:
                text.Add(new(path, e.GetRawText()));
                break;
        }
    }

    public static string Format(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15
        ? ((long)value).ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
