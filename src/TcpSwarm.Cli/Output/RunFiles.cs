using System.Text.Encodings.Web;
using System.Text.Json;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>The run folder: where it is, and summary.json and run.json written into it, each replacing the last.
/// </summary>
internal static class RunFiles
{
    public const string SummaryFile = "summary.json";
    public const string RunFile = "run.json";
    public const string TimeSeriesCsvFile = "timeseries.csv";
    public const string TimeSeriesJsonFile = "timeseries.json";

    // Escapes only what JSON requires: a version's '+', a path's quote or a non-ASCII name stay readable. These files
    // are never embedded in HTML.
    private static readonly RunJsonContext Json = new(new(RunJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>runs/SCENARIO-SEED, relative to the working directory.</summary>
    public static string DefaultFolder(Scenario scenario) => Path.Combine("runs", $"{scenario.Name}-{scenario.Seed}");

    /// <summary>The bytes of summary.json: the same RunSummary gives the same bytes, on any machine.</summary>
    public static byte[] SummaryJson(RunSummary summary) =>
        Terminated(JsonSerializer.SerializeToUtf8Bytes(SummaryDocument.Of(summary), Json.SummaryDocument));

    public static byte[] RunJson(RunDocument run) =>
        Terminated(JsonSerializer.SerializeToUtf8Bytes(run, Json.RunDocument));

    /// <summary>Writes both files into folder (which exists); returns their paths.</summary>
    public static (string Summary, string Run) Write(string folder, RunSummary summary, RunDocument run)
    {
        var summaryPath = Path.Combine(folder, SummaryFile);
        var runPath = Path.Combine(folder, RunFile);
        Replace(summaryPath, SummaryJson(summary));
        Replace(runPath, RunJson(run));
        return (summaryPath, runPath);
    }

    /// <summary>Writes timeseries.csv and timeseries.json (one row per sample) into folder; returns their paths.</summary>
    public static (string Csv, string Json) WriteTimeSeries(string folder, Scenario scenario,
        IReadOnlyList<Simulation.Engine.RunSample> samples)
    {
        var table = TimeSeriesTable.Of(scenario, TimeSeriesBuilder.Build(scenario, samples));
        var csvPath = Path.Combine(folder, TimeSeriesCsvFile);
        var jsonPath = Path.Combine(folder, TimeSeriesJsonFile);
        Replace(csvPath, table.Csv());
        Replace(jsonPath, TimeSeriesJson.Write(TimeSeriesHeader.Of(scenario), table));
        return (csvPath, jsonPath);
    }

    // Written beside, then moved over the old file: a reader never sees half a file, and a re-run replaces it.
    public static void Replace(string path, byte[] bytes)
    {
        var temporary = path + ".partial";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] Terminated(byte[] json)
    {
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
