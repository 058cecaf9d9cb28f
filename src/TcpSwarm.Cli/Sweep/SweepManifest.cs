using System.Text.Json;

namespace TcpSwarm.Cli.Sweep;

/// <summary>sweep.json: what a sweep folder is (the scenario, the varied keys, the seeds) and the figures it plots,
/// so that `report` can rebuild the plots and `compare` can find the points.</summary>
internal sealed record SweepManifest(string Scenario, IReadOnlyList<string> Keys, IReadOnlyList<ulong> Seeds,
    IReadOnlyList<string> Figures, IReadOnlyList<string> Arguments)
{
    public const string File = "sweep.json";

    public byte[] Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", Scenario);
            Strings(w, "keys", Keys);
            w.WriteStartArray("seeds");
            foreach (var seed in Seeds) w.WriteNumberValue(seed);
            w.WriteEndArray();
            Strings(w, "figures", Figures);
            Strings(w, "arguments", Arguments);
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Reads FOLDER/sweep.json; null when the folder holds none (it is not a sweep).</summary>
    public static SweepManifest? Read(string folder, out string problem)
    {
        problem = "";
        var path = Path.Combine(folder, File);
        if (!System.IO.File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            var root = doc.RootElement;
            return new SweepManifest(root.GetProperty("scenario").GetString() ?? "",
                StringList(root, "keys"), [.. root.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64())],
                StringList(root, "figures"), StringList(root, "arguments"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                      or FormatException)
        {
            problem = $"{path}: not a sweep manifest as tcpswarm sweep writes it: {e.Message}";
            return null;
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static List<string> StringList(JsonElement root, string name) =>
        [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "")];

    /// <summary>Rebuilds the plots from sweep.csv and sweep.json: `report SWEEP_DIR`.</summary>
    public static (string? Problem, IReadOnlyList<string> Plots) Rebuild(string folder, SweepManifest manifest)
    {
        var csv = Path.Combine(folder, SweepTable.File);
        if (!System.IO.File.Exists(csv)) return ($"'{csv}' is missing; `tcpswarm sweep` writes it", []);
        var table = SweepTable.Read(csv, out var problem);
        if (table is null) return (problem, []);
        return (null, SweepPlots.Write(folder, manifest.Scenario, table, manifest.Figures));
    }
}
