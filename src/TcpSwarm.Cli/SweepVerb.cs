using System.CommandLine;
using System.Globalization;
using TcpSwarm.Cli.Output;
using TcpSwarm.Cli.Sweep;
using TcpSwarm.Scenarios;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm sweep SCENARIO --vary KEY=V1,V2,... [--seeds N]`: runs the grid, one run folder per point and
/// seed, then sweep.csv (a row per run) and plots of chosen figures against the varied key.</summary>
internal static class SweepVerb
{
    public static Command Build(CliEnvironment env, IReadOnlyList<string> args)
    {
        var options = new ScenarioOptions();
        var vary = new Option<string[]>("--vary")
        {
            HelpName = "KEY=V1,V2,...",
            Description = "A key to vary and its values, KEY as for --set (servers.web.backlog=128,256,1024); "
                          + "repeat for a grid over several keys (every combination). Required.",
        };
        var seeds = new Option<int?>("--seeds")
        {
            HelpName = "N",
            Description = $"Runs each point with N seeds, the scenario's (or --seed's) and the N - 1 after it; 1 to "
                          + $"{SweepGrid.MaxSeeds}. Default: 1.",
        };
        var output = new Option<string>("--out")
        {
            HelpName = "DIR",
            Description = "The sweep folder: DIR/KEY=VALUE/seed-N/ per run, DIR/sweep.csv, DIR/sweep.json, "
                          + "DIR/plots/. Default: sweeps/<scenario>/ under the current directory.",
        };
        var plot = new Option<string[]>("--plot")
        {
            HelpName = "FIGURE",
            Description = "A figure of summary.json to plot against the first varied key, by its dotted name as "
                          + "sweep.csv and compare name it (servers.web.counters.ListenOverflows) or a unique end of "
                          + "it (ListenOverflows); repeat for more. Default: outcomes.completed, outcomes.timed_out, "
                          + "outcomes.reset.",
        };
        var parallel = new Option<int?>("--parallel")
        {
            HelpName = "N",
            Description = "Runs at most N at once (results do not depend on it). Default: one per core, fewer when "
                          + "their estimated memory would not fit.",
        };
        var command = new Command("sweep",
            $"Runs a scenario over a grid of values (--vary) and seeds (--seeds), at most {SweepGrid.MaxRuns} runs, "
            + "several at once; writes each run's folder as `run` does, then sweep.csv with one row per run (the "
            + "varied values, the seed, every figure of its summary.json) and plots/sweep-FIGURE.png (the mean over "
            + "seeds against the first key, each seed a dot, the spread a bar). Every point is checked before "
            + "anything starts: a mistake, a grid too large or one whose memory exceeds the machine exits 2.");
        options.AddTo(command);
        command.Add(vary);
        command.Add(seeds);
        command.Add(output);
        command.Add(plot);
        command.Add(parallel);
        command.SetAction((parsed, _) => ExecuteAsync(parsed, options, env, args,
            parsed.GetValue(vary) ?? [], parsed.GetValue(seeds) ?? 1, parsed.GetValue(output),
            parsed.GetValue(plot) ?? [], parsed.GetValue(parallel)));
        return command;
    }

    private static async Task<int> ExecuteAsync(ParseResult parsed, ScenarioOptions options, CliEnvironment env,
        IReadOnlyList<string> args, IReadOnlyList<string> varies, int seedCount, string? output,
        IReadOnlyList<string> figures, int? parallel)
    {
        try
        {
            var (overrides, problems) = options.Read(parsed);
            var all = new List<ScenarioProblem>(problems);
            var path = parsed.GetRequiredValue(options.Scenario);
            var baseLoad = ScenarioLoader.Load(path, overrides, Diagnostics.MemoryLimitBytes);
            Diagnostics.PrintNotes(baseLoad.Notes, env.Error);
            all.AddRange(baseLoad.Problems);
            if (parallel is < 1)
                all.Add(new ScenarioProblem("--parallel", 0, 0, "parallel",
                    $"{parallel} is not allowed; use 1 or more"));
            if (all.Count > 0) return Diagnostics.Refuse(all, env.Error);
            var scenario = baseLoad.Scenario!;

            var grid = SweepGrid.Read(varies, scenario.Seed, seedCount, all);
            var plan = grid is null
                ? null
                : SweepPlan.Make(path, overrides, grid, parallel, Diagnostics.MemoryLimitBytes, all);
            if (plan is null) return Diagnostics.Refuse(all, env.Error);

            var folder = output ?? Path.Combine("sweeps", scenario.Name);
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                          or NotSupportedException)
            {
                return Diagnostics.Refuse(
                    [new ScenarioProblem("--out", 0, 0, "out",
                        $"cannot create the sweep folder '{folder}': {e.Message}")],
                    env.Error);
            }

            env.Out.WriteLine($"sweep of {scenario.Name}: {plan.Grid.Points.Count} runs "
                              + $"({string.Join(" × ", plan.Grid.Values.Select(v => v.Count))} values × "
                              + $"{plan.Grid.Seeds.Count} seeds), {plan.Parallel} at once, into {folder}");
            using var interruption = env.Interruptions(env.Error);
            var arguments = Redaction.Arguments(args);
            var done = await SweepRuns.RunAllAsync(plan, folder, arguments, env, interruption.Token)
                .ConfigureAwait(false);

            var chosen = figures.Count > 0 ? figures : SweepPlots.DefaultFigures;
            var table = Write(folder, scenario.Name, plan, done, chosen, arguments, out var plots);
            PrintTable(table, chosen, env.Out);
            env.Out.WriteLine($"written: {Path.Combine(folder, SweepTable.File)}, "
                              + Path.Combine(folder, SweepManifest.File)
                              + (plots.Count > 0 ? ", " + string.Join(", ", plots) : ""));
            foreach (var missing in chosen.Where(f => SweepPlots.IndexOf(table.Figures, f) < 0))
                env.Error.WriteLine($"note: no run has the figure '{missing}', so it is not plotted; sweep.csv's "
                                    + "header names every figure");
            if (done.All(d => d)) return ExitCodes.Done;
            env.Error.WriteLine($"interrupted: {done.Count(d => d)} of {done.Length} runs completed; sweep.csv holds "
                                + "those");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }

    private static SweepTable Write(string folder, string scenario, SweepPlan plan, bool[] done,
        IReadOnlyList<string> figures, IReadOnlyList<string> arguments, out IReadOnlyList<string> plots)
    {
        var runs = new List<(SweepPoint, FlatSummary)>();
        for (int i = 0; i < done.Length; i++)
        {
            if (!done[i]) continue;
            var point = plan.Grid.Points[i];
            var summary = FlatSummary.Read(Path.Combine(folder, point.RunFolder), out var problem)
                          ?? throw new InvalidOperationException(problem);
            runs.Add((point, summary));
        }
        var table = SweepTable.Of(plan.Grid.Keys, runs);
        RunFiles.Replace(Path.Combine(folder, SweepTable.File), table.Csv());
        var manifest = new SweepManifest(scenario, plan.Grid.Keys, plan.Grid.Seeds, figures, arguments);
        RunFiles.Replace(Path.Combine(folder, SweepManifest.File), manifest.Json());
        plots = SweepPlots.Write(folder, scenario, table, figures);
        return table;
    }

    // The varied values, the seed and the plotted figures, one line per run.
    private static void PrintTable(SweepTable table, IReadOnlyList<string> figures, TextWriter o)
    {
        var columns = figures.Select(f => (Name: f, At: SweepPlots.IndexOf(table.Figures, f))).Where(c => c.At >= 0)
            .ToList();
        var header = table.Keys.Append("seed").Concat(columns.Select(c => c.Name)).ToList();
        var rows = table.Rows.Select(r => r.Values.Append(r.Seed.ToString(CultureInfo.InvariantCulture))
            .Concat(columns.Select(c => r.Figures[c.At] is { } v ? FlatSummary.Format(v) : "-")).ToList()).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))
            .ToList();
        o.WriteLine();
        o.WriteLine(string.Join("  ", header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (var row in rows) o.WriteLine(string.Join("  ", row.Select((c, i) => c.PadLeft(widths[i]))));
        o.WriteLine();
    }
}
