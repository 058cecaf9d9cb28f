using TcpSwarm.Cli.Report;
using TcpSwarm.Cli.Trace;

namespace TcpSwarm.Cli.Output;

/// <summary>A run folder held by one run (or one `report`) for as long as it writes there: a lock file opened
/// exclusively refuses a second writer, an earlier run's files are refused or, with --force, removed, and run.json is
/// written (status running) before the run starts, which proves the folder writable.</summary>
/// <remarks>The lock is flock(2) on <see cref="LockFile"/>, taken by .NET for FileShare.None, released by the kernel
/// when the process ends however it ends. The file itself stays: deleting it would let a run that opened the old file
/// and one that made a new one both believe they hold the folder.</remarks>
internal sealed class RunFolder : IDisposable
{
    public const string LockFile = ".tcpswarm.lock";
    public const string DefaultRoot = "runs";

    // Beyond this many runs of one scenario and seed under runs/ the default name gives up and asks for --out.
    private const int MaxDefaultCounter = 10_000;

    /// <summary>Every file a run writes into its folder, plots/ apart: what marks an earlier run and what --force
    /// removes. Anything else in the folder is the user's and is left alone.</summary>
    public static IReadOnlyList<string> RunFileNames { get; } =
    [
        RunFiles.RunFile, RunFiles.SummaryFile, RunFiles.TimeSeriesCsvFile, RunFiles.TimeSeriesJsonFile,
        ReportFiles.ReportFile, TraceFiles.ServerPcap, TraceFiles.ClientPcap, TraceFiles.LadderFile,
    ];

    private readonly FileStream _lock;

    private RunFolder(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    /// <summary>The folder, as the user gave it or as the default made it.</summary>
    public string Path { get; }

    /// <summary>Holds --out DIR for a run: created with its parents, locked, an earlier run refused (or removed with
    /// force), run.json written as running. Null, with why in words, when the folder cannot be used.</summary>
    public static RunFolder? ClaimOut(string folder, bool force, RunDocument running, out string problem)
    {
        if (!Create(folder, out problem)) return null;
        var held = Lock(folder, out problem, out _);
        if (held is null) return null;
        var claimed = new RunFolder(folder, held);
        if (EarlierRun(folder) is { } earlier)
        {
            if (!force)
            {
                problem = $"'{folder}' holds an earlier run ({earlier}); give --force to remove its files and "
                          + "write this run there, or another --out";
                claimed.Dispose();
                return null;
            }
            if (!claimed.RemoveEarlierRun(out problem)) return null;
        }
        return claimed.Start(running, out problem) ? claimed : null;
    }

    /// <summary>Holds runs/NAME-SEED for a run, or NAME-SEED-2, -3, ... when it is taken: never another run's folder.
    /// </summary>
    public static RunFolder? ClaimDefault(string scenario, ulong seed, RunDocument running, out string problem)
    {
        var stem = System.IO.Path.Combine(DefaultRoot, $"{RunFiles.FileNamePart(scenario)}-{seed}");
        for (var counter = 1; counter <= MaxDefaultCounter; counter++)
        {
            var folder = counter == 1 ? stem : $"{stem}-{counter}";
            if (Exists(folder)) continue;
            if (!Create(folder, out problem)) return null;
            // Another run may have made the same name a moment ago: whoever holds it and has no run there keeps it.
            var held = Lock(folder, out problem, out bool busy);
            if (held is null)
            {
                if (busy) continue;
                return null;
            }
            var claimed = new RunFolder(folder, held);
            if (EarlierRun(folder) is not null)
            {
                claimed.Dispose();
                continue;
            }
            return claimed.Start(running, out problem) ? claimed : null;
        }
        problem = $"'{stem}' and {MaxDefaultCounter - 1:N0} more of its numbered folders are taken; give --out DIR";
        return null;
    }

    /// <summary>Holds an existing folder for `tcpswarm report`, which rewrites report.md and plots/ there. Null,
    /// with why, when a run is writing into it.</summary>
    public static RunFolder? Hold(string folder, out string problem)
    {
        var held = Lock(folder, out problem, out _);
        return held is null ? null : new RunFolder(folder, held);
    }

    /// <summary>folder/name as a real folder: a symbolic link planted there is removed (not followed) and a folder
    /// made in its place. Returns its path.</summary>
    public static string RealSubfolder(string folder, string name)
    {
        var path = System.IO.Path.Combine(folder, name);
        if (IsLink(path)) File.Delete(path);           // unlinks the link itself
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _lock.Dispose();

    private bool Start(RunDocument running, out string problem)
    {
        problem = "";
        try
        {
            RunFiles.WriteRun(Path, running);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot write into the run folder '{Path}': {e.Message}";
            Dispose();
            return false;
        }
    }

    private static bool Create(string folder, out string problem)
    {
        problem = "";
        try
        {
            Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException)
        {
            problem = $"cannot create the run folder '{folder}': {e.Message}";
            return false;
        }
    }

    private static FileStream? Lock(string folder, out string problem, out bool busy)
    {
        problem = "";
        busy = false;
        var path = System.IO.Path.Combine(folder, LockFile);
        if (IsLink(path))
        {
            problem = $"'{path}' is a symbolic link; tcpswarm follows no link in a run folder: remove it";
            return null;
        }
        try
        {
            // Read access only: even a link planted between the check and the open is never written through.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            problem = $"cannot write into the run folder '{folder}': {e.Message}";
            return null;
        }
        catch (IOException e) when (File.Exists(path))
        {
            busy = true;
            problem = $"another tcpswarm run (or report) is writing into '{folder}' (it holds {path}): wait for "
                      + $"it, or give another --out ({e.Message})";
            return null;
        }
        catch (IOException e)
        {
            problem = $"cannot write into the run folder '{folder}': {e.Message}";
            return null;
        }
    }

    // What says an earlier run wrote here: its status when run.json can be read, else the first file found.
    private static string? EarlierRun(string folder)
    {
        var found = RunFileNames.FirstOrDefault(name => Exists(System.IO.Path.Combine(folder, name)))
                    ?? (Exists(System.IO.Path.Combine(folder, ReportPlots.Folder)) ? ReportPlots.Folder : null);
        if (found is null) return null;
        var status = RunStatus(System.IO.Path.Combine(folder, RunFiles.RunFile));
        return status is null ? $"its {found}" : $"its run.json says {status}";
    }

    private static string? RunStatus(string path)
    {
        if (IsLink(path) || !File.Exists(path)) return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException
                                      or InvalidOperationException)
        {
            return null;
        }
    }

    // The files a run writes, its plots (*.png) and the temporaries a killed run left; links are removed, never
    // followed; the user's own files stay.
    private bool RemoveEarlierRun(out string problem)
    {
        problem = "";
        try
        {
            foreach (var name in RunFileNames) File.Delete(System.IO.Path.Combine(Path, name));
            RemoveTemporaries(Path);
            var plots = System.IO.Path.Combine(Path, ReportPlots.Folder);
            if (IsLink(plots))
            {
                File.Delete(plots);
            }
            else if (Directory.Exists(plots))
            {
                foreach (var png in Directory.EnumerateFiles(plots, "*.png")) File.Delete(png);
                RemoveTemporaries(plots);
                if (!Directory.EnumerateFileSystemEntries(plots).Any()) Directory.Delete(plots);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"--force: cannot remove the earlier run's files from '{Path}': {e.Message}";
            Dispose();
            return false;
        }
    }

    private static void RemoveTemporaries(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "." + "*" + RunFiles.TemporarySuffix)) File.Delete(file);
    }

    private static bool Exists(string path) => IsLink(path) || File.Exists(path) || Directory.Exists(path);

    private static bool IsLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;                               // nothing there
        }
    }
}
