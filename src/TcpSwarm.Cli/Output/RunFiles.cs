using System.Text.Encodings.Web;
using System.Text.Json;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>The run folder's files: summary.json, run.json and the time series, each written whole under a fresh name
/// and renamed into place, never through a link planted in the folder.</summary>
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

    /// <summary>What a temporary file's name ends with: one left by a killed run is removed by the next --force.
    /// </summary>
    public const string TemporarySuffix = ".tcpswarm-partial";

    /// <summary>The bytes of summary.json: the same RunSummary gives the same bytes, on any machine.</summary>
    public static byte[] SummaryJson(RunSummary summary) =>
        Terminated(JsonSerializer.SerializeToUtf8Bytes(SummaryDocument.Of(summary), Json.SummaryDocument));

    public static byte[] RunJson(RunDocument run) =>
        Terminated(JsonSerializer.SerializeToUtf8Bytes(run, Json.RunDocument));

    /// <summary>Writes both files into folder (which exists); returns their paths.</summary>
    public static (string Summary, string Run) Write(string folder, RunSummary summary, RunDocument run) =>
        (WriteSummary(folder, summary), WriteRun(folder, run));

    /// <summary>Writes summary.json into folder; returns its path.</summary>
    public static string WriteSummary(string folder, RunSummary summary)
    {
        var path = Path.Combine(folder, SummaryFile);
        Replace(path, SummaryJson(summary));
        return path;
    }

    /// <summary>Writes run.json into folder; returns its path. A run writes it first (running) and last.</summary>
    public static string WriteRun(string folder, RunDocument run)
    {
        var path = Path.Combine(folder, RunFile);
        Replace(path, RunJson(run));
        return path;
    }

    /// <summary>Writes timeseries.csv and timeseries.json (one row per sample) into folder; returns their
    /// paths.</summary>
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

    /// <summary>Writes bytes to path whole or not at all: into a new file of a random name beside it, created
    /// exclusively (O_CREAT|O_EXCL, which never follows a symbolic link), flushed to disk, then renamed over path
    /// (rename(2) replaces a link at path, never writes through it). A reader, a crash or SIGKILL sees the old file
    /// or the new one, never half of one.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            Forget(temporary);
            throw;
        }
    }

    // A temporary file left by a failed write: removed if it can be; the write's own error is what the user needs.
    private static void Forget(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // the folder went away or became read-only: nothing more to do
        }
    }

    /// <summary>A name read from a scenario or a run folder as one file name's part: letters, digits, '_', '-' and
    /// '.' kept, anything else (a '/', "..", a control character) '_', so that no name reaches outside its folder.
    /// </summary>
    public static string FileNamePart(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_').ToArray();
        var part = new string(chars).Replace("..", "__", StringComparison.Ordinal);
        return part.Length == 0 ? "_" : part[0] == '.' ? "_" + part[1..] : part;
    }

    private static byte[] Terminated(byte[] json)
    {
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }
}
