using System.CommandLine;
using Spectre.Console;
using TcpSwarm.Cli.Checks;
using TcpSwarm.Cli.Display;
using TcpSwarm.Cli.Output;
using TcpSwarm.Cli.Trace;
using TcpSwarm.Cli.Report;
using TcpSwarm.Silo;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm run SCENARIO.yaml`: checks the scenario and its options, runs it, writes the run folder and
/// says how it went, in its exit code too.</summary>
internal static class RunVerb
{
    /// <summary>The silo a run embeds, as its metrics name it (tcpswarm.silo).</summary>
    public const string EmbeddedSiloName = "embedded";

    public static Command Build(CliEnvironment env, IReadOnlyList<string> args)
    {
        var options = new ScenarioOptions();
        var metrics = new MetricsOptions();
        var cluster = new RunCluster();
        var folders = new RunFolderOptions();
        var command = new Command("run",
            "Runs a scenario on an embedded single silo: prints the seed first, then a live view on a terminal or a "
            + "progress line each wall second otherwise, and at the end a summary; writes summary.json and run.json "
            + "into the run folder, and the traced connections as trace.pcap (the servers' interfaces), "
            + "trace-client.pcap (the clients') and ladder.txt. Bad input is refused as validate refuses it, and "
            + "nothing starts. Ctrl-C, SIGTERM or SIGHUP stops at the last completed window and writes what was done, "
            + "marked partial (exit 130); further signals do not stop the writing. With "
            + "--metrics-port, Prometheus can scrape the run while it goes, and a while after.");
        options.AddTo(command);
        options.AddCheckTo(command);
        folders.AddTo(command);
        metrics.AddTo(command);
        cluster.AddTo(command);
        command.SetAction((parsed, _) => ExecuteAsync(parsed, options, metrics, cluster, folders, env, args));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parsed, ScenarioOptions options, MetricsOptions metrics,
        RunCluster cluster,
        RunFolderOptions folders, CliEnvironment env, IReadOnlyList<string> args)
    {
        ulong? seed = null;
        // Signals are caught from the start: whatever stage a run is at, one ends it in order.
        using var interruption = env.Interruptions(env.Error);
        var startedAt = env.Clock.GetUtcNow();
        var arguments = Redaction.Arguments(args);
        RunFolder? folder = null;
        try
        {
            var (metricSettings, metricProblems) = metrics.Read(parsed);
            var loaded = options.LoadForRun(parsed, env.Error, metricProblems);
            if (loaded is null) return ExitCodes.BadInput;
            var scenario = loaded.Scenario;
            var clusterSettings = cluster.Read(parsed, metricSettings, env.Error, out bool refused);
            if (refused) return ExitCodes.BadInput;
            var identity = RunIdentity.New(scenario.Name, scenario.Seed, env.Clock.GetUtcNow());
            if (!MetricsOptions.TryStart(metricSettings, EmbeddedSiloName, env.Error, out var export, identity))
                return ExitCodes.BadInput;
            using var exporting = export;

            seed = scenario.Seed;
            env.Out.WriteLine($"seed {scenario.Seed}");
            if (metricSettings.ScrapeUrl is { } url) env.Out.WriteLine($"metrics: {url}");
            var runner = clusterSettings is null
                ? env.Runners(export?.Metrics)
                : await ClusterRunner.ConnectAsync(clusterSettings, options.Source(parsed), env.Out)
                    .ConfigureAwait(false);
            if (runner is null)
            {
                env.Error.WriteLine("tcpswarm: the scenario runner is not part of this build yet, so nothing was run "
                                    + "(the scenario itself is valid; 'tcpswarm validate' says what it describes).");
                return ExitCodes.Other;
            }

            // The runner (the embedded silo) lives until the linger ends: Orleans' meter lives with it.
            try
            {
                // Held from before the run starts to the end: its run.json says running until the results are in.
                folder = folders.Claim(parsed, scenario, parsed.GetValue(options.Force),
                    RunDocument.Running(startedAt, arguments, MachineDocument.Current()), env.Error);
                if (folder is null) return ExitCodes.BadInput;
                env.Out.WriteLine($"folder {folder.Path}");
                using var memory = new MemoryWatch(Diagnostics.MemoryLimitBytes, interruption.Token);
                var report = await Drive(runner, scenario, interruption, memory.Token, env).ConfigureAwait(false);
                var run = RunDocument.Of(report, startedAt, arguments, MachineDocument.Current()) with
                {
                    RunId = identity.Id,
                    Setup = loaded.Setup,
                    Checks = loaded.Checks.Judge(RunFiles.SummaryJson(report.Summary)),
                };
                var code = Finish(report, scenario, folder.Path, run, env, memory);
                if (export is not null)
                {
                    await MetricsOptions.LingerAsync(export, env.Out, interruption.Token).ConfigureAwait(false);
                    export.Flush();
                }
                return code;
            }
            finally
            {
                await Dispose(runner).ConfigureAwait(false);
            }
        }
        catch (ClusterUnreachableException e)
        {
            env.Error.WriteLine("error: " + e.Message + "; nothing was run");
            RunFailed(folder, "cluster_failed", e.Message, startedAt, arguments, env);
            return ExitCodes.ClusterFailed;
        }
        catch (OperationCanceledException) when (interruption.Requested)
        {
            env.Error.WriteLine("interrupted before the run started; nothing was run");
            RunFailed(folder, "interrupted", "interrupted before the run started", startedAt, arguments, env);
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            RunFailed(folder, "failed", e.Message, startedAt, arguments, env);
            return Diagnostics.Bug(e, seed, env.Error);
        }
        finally
        {
            folder?.Dispose();
        }
    }

    // run.json of a run that ended before its results: why, so that it does not go on saying running.
    private static void RunFailed(RunFolder? folder, string status, string failure, DateTimeOffset startedAt,
        IReadOnlyList<string> arguments, CliEnvironment env)
    {
        if (folder is null) return;
        if (!TryWriteRun(folder.Path, RunDocument.Unfinished(status, failure, startedAt, arguments,
                MachineDocument.Current())))
            env.Error.WriteLine($"error: could not record the run's end in '{folder.Path}'");
    }

    private static bool TryWriteRun(string folder, RunDocument run)
    {
        try
        {
            RunFiles.WriteRun(folder, run);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The runner runs on the thread pool, so that a runner that blocks cannot freeze the live view or Ctrl-C.
    // The token stops the run at its last completed window: Ctrl-C, or the memory watch.
    private static async Task<RunReport> Drive(IScenarioRunner runner, Scenario scenario, Interruption interruption,
        CancellationToken stop, CliEnvironment env)
    {
        if (!env.OutIsTerminal)
        {
            var lines = new ProgressLines(env.Out, env.Clock);
            return await Task.Run(() => runner.RunAsync(scenario, lines, stop)).ConfigureAwait(false);
        }
        var view = new LiveView(scenario, interruption, env.Clock);
        var run = Task.Run(() => runner.RunAsync(scenario, view, stop));
        return await view.ShowAsync(Terminal(env.Out), run).ConfigureAwait(false);
    }

    private static int Finish(RunReport report, Scenario scenario, string folder, RunDocument run, CliEnvironment env,
        MemoryWatch memory)
    {
        string summaryPath, runPath, csvPath, jsonPath;
        IReadOnlyList<string> tracePaths;
        ReportFiles.Outcome rebuilt;
        try
        {
            summaryPath = RunFiles.WriteSummary(folder, report.Summary);
            (csvPath, jsonPath) = RunFiles.WriteTimeSeries(folder, scenario, report.Samples);
            tracePaths = TraceFiles.Write(folder, scenario, report.Trace);
            // From the files just written and the run.json about to be, exactly as `report` rebuilds it later.
            rebuilt = ReportFiles.Rebuild(folder, RunFiles.RunJson(run));
            runPath = RunFiles.WriteRun(folder, run);    // last: a run.json that says how it ended has every file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            env.Error.WriteLine($"error: the run ended ({run.Status}) but its files could not be written to "
                                + $"'{folder}': {e.Message}");
            TryWriteRun(folder, run with
            {
                Status = "failed",
                Failure = "its files could not be written: " + e.Message,
            });
            return ExitCodes.Other;
        }

        var sections = SummaryTables.Sections(report.Summary);
        if (env.OutIsTerminal)
        {
            var console = Terminal(env.Out);
            console.WriteLine(SummaryTables.Headline(report));
            SummaryTables.WriteRich(sections, console);
        }
        else
        {
            env.Out.WriteLine(SummaryTables.Headline(report));
            SummaryTables.WritePlain(sections, env.Out);
        }
        CheckLines.Write(run.Checks, env.Out);
        env.Out.WriteLine();
        env.Out.WriteLine($"written: {string.Join(", ", [summaryPath, runPath, csvPath, jsonPath, rebuilt.ReportPath,
            Path.Combine(folder, ReportPlots.Folder, "*.png"), .. tracePaths])}");

        if (Conservation.Broken(report.Summary) is { } broken)
        {
            env.Error.WriteLine("tcpswarm: this is a bug in tcpswarm: " + broken);
            env.Error.WriteLine($"rerun with --seed {scenario.Seed} to reproduce it");
            return ExitCodes.Other;
        }
        switch (report.Status)
        {
            case RunStatus.Completed:
                return run.Checks.Any(c => !c.Passed) ? ExitCodes.ChecksFailed : ExitCodes.Done;
            case RunStatus.Interrupted when memory.Tripped:
                env.Error.WriteLine($"stopped: the working set reached {Numbers.Bytes(memory.SeenBytes)}, past 80% of "
                                    + $"the machine's {Numbers.Bytes(Diagnostics.MemoryLimitBytes)}, at "
                                    + $"{Numbers.Seconds(report.Summary.VirtualSeconds)} of "
                                    + $"{Numbers.Seconds(scenario.Duration.TotalSeconds)} of virtual time; the partial "
                                    + $"results in {folder} are marked so ('tcpswarm validate' shows the estimate and "
                                    + "its largest term: lower that, or shorten the run)");
                return ExitCodes.OutOfMemory;
            case RunStatus.Interrupted:
                env.Error.WriteLine($"interrupted at {Numbers.Seconds(report.Summary.VirtualSeconds)} of "
                                    + $"{Numbers.Seconds(scenario.Duration.TotalSeconds)} of virtual time; the partial "
                                    + $"results in {folder} are marked so");
                return ExitCodes.Interrupted;
            case RunStatus.ClusterFailed:
                env.Error.WriteLine("error: the cluster failed: "
                                    + Diagnostics.OneLine(report.Failure ?? "no account given")
                                    + $"; summary.json and the time series hold the run as of "
                                    + $"{Numbers.Seconds(report.Summary.VirtualSeconds)}, its last sample on every "
                                    + $"silo, in {folder}");
                return ExitCodes.ClusterFailed;
            default:
                throw new InvalidOperationException($"the runner returned an unknown status {report.Status}");
        }
    }

    private static IAnsiConsole Terminal(TextWriter output) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

    private static async Task Dispose(IScenarioRunner runner)
    {
        switch (runner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
