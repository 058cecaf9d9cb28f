using System.Text;
using System.Text.Json;
using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Report;

/// <summary>report.md and plots/ rebuilt from a run folder's summary.json and timeseries.json, and nothing else, so
/// that `run` and `report` write the same report.md.</summary>
internal static class ReportFiles
{
    public const string ReportFile = "report.md";

    /// <summary>What was written, or why nothing could be (a missing folder or file, a file that is not
    /// ours).</summary>
    public sealed record Outcome(string? Problem, string ReportPath, IReadOnlyList<string> Plots);

    /// <param name="runJson">run.json as it will be written, when the report is built before it is (by `run`, whose
    /// run.json on disk still says running); otherwise the folder's own is read.</param>
    public static Outcome Rebuild(string folder, byte[]? runJson = null)
    {
        var reportPath = Path.Combine(folder, ReportFile);
        if (!Directory.Exists(folder)) return Refused($"the run folder '{folder}' does not exist", reportPath);
        var summaryPath = Path.Combine(folder, RunFiles.SummaryFile);
        var seriesPath = Path.Combine(folder, RunFiles.TimeSeriesJsonFile);
        foreach (var path in (string[])[summaryPath, seriesPath])
            if (!File.Exists(path))
                return Refused($"'{path}' is missing; `tcpswarm run` writes it into the run folder", reportPath);

        JsonDocument summary;
        TimeSeriesHeader header;
        TimeSeriesTable table;
        try
        {
            summary = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
            (header, table) = TimeSeriesJson.Read(File.ReadAllBytes(seriesPath));
            Check(summary.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                      or FormatException)
        {
            return Refused($"'{folder}' does not hold a run's summary.json and timeseries.json as tcpswarm writes "
                           + $"them: {e.Message}", reportPath);
        }
        using (summary)
        {
            var predictions = ReportTheory.TimeWaitPredictions(summary.RootElement, header, table);
            var plots = ReportPlots.Write(folder, header, table, predictions, ReportEvents.Read(summary.RootElement));
            using var run = runJson is null ? RunJson(folder) : JsonDocument.Parse(runJson);
            var markdown = ReportMarkdown.Build(summary.RootElement, header, table, plots, run?.RootElement);
            RunFiles.Replace(reportPath, Encoding.UTF8.GetBytes(markdown));
            return new Outcome(null, reportPath, plots.Select(p => Path.Combine(folder, p.RelativePath)).ToList());
        }
    }

    // The fields the report reads, so that a foreign JSON file is refused up front rather than half-way.
    private static void Check(JsonElement root)
    {
        foreach (var name in (string[])["scenario", "seed", "virtual_seconds", "attempts", "outcomes", "servers",
                     "clients", "attackers"])
            root.GetProperty(name);
    }

    // run.json, when the folder has one that parses: the report can name the overrides and the interruption.
    private static JsonDocument? RunJson(string folder)
    {
        var path = Path.Combine(folder, RunFiles.RunFile);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Outcome Refused(string problem, string reportPath) => new(problem, reportPath, []);
}
