using System.Text.Json;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>Run folders that are reused, shared or planted with links: a second run is refused, an earlier run is
/// refused or (with --force) removed, nothing is written through a link or outside the folder.</summary>
public sealed class SharedFolderTests
{
    private static string Quickstart => Repo.Load("quickstart.yaml");

    private static Tcpswarm Completing() =>
        new() { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };

    private static void EarlierRun(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "plots"));
        File.WriteAllText(Path.Combine(folder, "run.json"), """{ "status": "completed" }""");
        File.WriteAllText(Path.Combine(folder, "summary.json"), "{}");
        File.WriteAllText(Path.Combine(folder, "trace.pcap"), "earlier");
        File.WriteAllText(Path.Combine(folder, "trace-client.pcap"), "earlier");
        File.WriteAllText(Path.Combine(folder, "ladder.txt"), "earlier");
        File.WriteAllText(Path.Combine(folder, "plots", "time-wait-gone.png"), "earlier");
        File.WriteAllText(Path.Combine(folder, ".summary.json.abcdefgh.xyz.tcpswarm-partial"), "half");
    }

    [Fact]
    public async Task A_folder_holding_an_earlier_run_is_refused_without_force_and_left_as_it_was()
    {
        using var temp = new TempFolder();
        EarlierRun(temp.Path);
        var before = Directory.GetFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order().ToList();

        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--out", temp.Path);

        Assert.Equal(2, result.Code);
        Assert.Equal($"error: --out: out: '{temp.Path}' holds an earlier run (its run.json says completed); give "
                     + "--force to remove its files and write this run there, or another --out", result.ErrorLines[0]);
        Assert.Equal("1 problem; nothing was started.", result.ErrorLines[^1]);
        Assert.Equal(["seed 1"], result.OutLines);
        Assert.Equal(before, Directory.GetFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order()
            .Where(p => Path.GetFileName(p) != ".tcpswarm.lock"));
        Assert.Equal("earlier", File.ReadAllText(temp.File("trace.pcap")));
    }

    [Fact]
    public async Task With_force_the_earlier_runs_files_are_removed_and_the_users_own_kept()
    {
        using var temp = new TempFolder();
        EarlierRun(temp.Path);
        File.WriteAllText(temp.File("notes.txt"), "mine");

        var result = await Completing().Run("run", Quickstart, "--out", temp.Path, "--force");

        Assert.Equal(0, result.Code);
        foreach (var stale in (string[])["trace.pcap", "trace-client.pcap", "ladder.txt",
                     Path.Combine("plots", "time-wait-gone.png")])
            Assert.False(File.Exists(temp.File(stale)), stale);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tcpswarm-partial", SearchOption.AllDirectories));
        Assert.Equal("mine", File.ReadAllText(temp.File("notes.txt")));
        Assert.Equal("completed", Status(temp.Path));
        Assert.NotEmpty(Directory.GetFiles(temp.File("plots"), "*.png"));
    }

    [Fact]
    public async Task A_folder_another_process_holds_is_refused_with_exit_2_naming_it()
    {
        using var temp = new TempFolder();
        // Held as a run holds it: flock on the lock file, from another open file (another process's, in effect).
        using var held = new FileStream(temp.File(".tcpswarm.lock"), FileMode.OpenOrCreate, FileAccess.Read,
            FileShare.None);

        var run = await Tcpswarm.RunRefusing("run", Quickstart, "--out", temp.Path);
        var report = await Tcpswarm.RunRefusing("report", temp.Path);

        Assert.Equal(2, run.Code);
        Assert.StartsWith($"error: --out: out: another tcpswarm run (or report) is writing into '{temp.Path}'",
            run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal(2, report.Code);
        Assert.StartsWith($"error: another tcpswarm run (or report) is writing into '{temp.Path}'",
            report.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal([".tcpswarm.lock"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_out_that_cannot_be_written_is_refused_with_exit_2_before_the_run()
    {
        using var temp = new TempFolder();
        // Root writes through a mode of 0500: /proc is a folder no one can add a file to.
        var folder = "/proc";
        if (!Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            folder = temp.File("read-only");
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var result = await Tcpswarm.RunRefusing("run", Quickstart, "--out", folder);

        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --out: out: cannot write into the run folder '{folder}'", result.ErrorLines[0],
            StringComparison.Ordinal);
        Assert.Equal(["seed 1"], result.OutLines);
        result.AssertNoStackTrace();
    }

    [Fact]
    public async Task A_planted_link_is_never_written_through()
    {
        using var temp = new TempFolder();
        var folder = temp.File("run");
        var victims = temp.File("victims");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(victims);
        var victim = Path.Combine(victims, "victim");
        File.WriteAllText(victim, "untouched");
        // What the writer of today's files once used as its temporary name, and a final name.
        File.CreateSymbolicLink(Path.Combine(folder, "summary.json.partial"), victim);
        File.CreateSymbolicLink(Path.Combine(folder, "report.md"), victim);
        Directory.CreateSymbolicLink(Path.Combine(folder, "plots"), victims);

        var result = await Completing().Run("run", Quickstart, "--out", folder, "--force");

        Assert.True(result.Code == 0, result.Error);
        Assert.Equal("untouched", File.ReadAllText(victim));
        Assert.Equal(["victim"], Directory.GetFileSystemEntries(victims).Select(Path.GetFileName));
        foreach (var name in (string[])["summary.json", "report.md", "run.json"])
            Assert.Null(new FileInfo(Path.Combine(folder, name)).LinkTarget);
        Assert.Null(new DirectoryInfo(Path.Combine(folder, "plots")).LinkTarget);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "plots"), "*.png"));
    }

    [Fact]
    public async Task A_server_name_with_dot_dot_in_timeseries_json_writes_nothing_outside_the_folder()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "a", "b", "run");
        Assert.Equal(0, (await Completing().Run("run", Quickstart, "--out", folder)).Code);
        const string hostile = "x/../../../escaped";
        foreach (var name in (string[])["timeseries.json", "summary.json"])
        {
            var path = Path.Combine(folder, name);
            var text = File.ReadAllText(path).Replace("\"web", "\"" + hostile, StringComparison.Ordinal);
            File.WriteAllText(path, text);
        }
        Assert.Contains(hostile, File.ReadAllText(Path.Combine(folder, "timeseries.json")), StringComparison.Ordinal);
        Directory.Delete(Path.Combine(folder, "plots"), recursive: true);

        var result = await Tcpswarm.RunWithoutEngine("report", folder);

        Assert.True(result.Code == 0, result.Error);
        var outside = Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Empty(outside);
        Assert.Contains(Directory.GetFiles(Path.Combine(folder, "plots")),
            p => Path.GetFileName(p).StartsWith("queues-x_", StringComparison.Ordinal)
                 && Path.GetFileName(p).EndsWith("escaped.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_runs_into_one_folder_at_once_one_writes_and_the_other_is_refused_with_exit_2()
    {
        using var temp = new TempFolder();
        var folder = temp.File("shared");
        string[] args = ["run", Quickstart, "--out", folder];

        var runs = await Task.WhenAll(RealProcess.Run(args), RealProcess.Run(args));

        Assert.Equal([0, 2], runs.Select(r => r.Code).Order());
        var refused = runs.Single(r => r.Code == 2);
        Assert.Contains($"'{folder}'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was started", refused.Error, StringComparison.Ordinal);
        Assert.Equal("completed", Status(folder));
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "summary.json")));
        Assert.Equal(20, summary.RootElement.GetProperty("virtual_seconds").GetDouble());
    }

    [Fact]
    public async Task Two_default_runs_of_one_scenario_and_seed_get_two_folders()
    {
        using var temp = new TempFolder();
        string[] args = ["run", Quickstart, "--seed", "4"];

        await using var first = ChildProcess.TcpswarmIn(temp.Path, args);
        await using var second = ChildProcess.TcpswarmIn(temp.Path, args);
        var codes = new[] { await first.Exit(), await second.Exit() };

        Assert.True(codes.All(c => c == 0), $"{first.Error}\n{second.Error}");
        var folders = new[] { first.Out, second.Out }
            .Select(o => o.Split('\n').Single(l => l.StartsWith("folder ", StringComparison.Ordinal))[7..])
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal([Path.Combine("runs", "quickstart-4"), Path.Combine("runs", "quickstart-4-2")], folders);
        foreach (var folder in folders) Assert.Equal("completed", Status(Path.Combine(temp.Path, folder)));
        var third = await Completing().Run("run", Quickstart, "--out", Path.Combine(temp.Path, folders[0]));
        Assert.Equal(2, third.Code);
    }

    private static string? Status(string folder)
    {
        using var run = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "run.json")));
        return run.RootElement.GetProperty("status").GetString();
    }
}
