using System.CommandLine;
using TcpSwarm.Cli.Output;
using TcpSwarm.Cli.Report;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm report RUN_DIR`: rebuilds report.md and plots/ of a finished run from its data files.</summary>
internal static class ReportVerb
{
    public static Command Build(CliEnvironment env)
    {
        var folder = new Argument<string>("RUN_DIR")
        {
            Description = "A run folder that `tcpswarm run` wrote (it reads summary.json and timeseries.json there), "
                          + "or a sweep folder that `tcpswarm sweep` wrote (sweep.json and sweep.csv: its plots).",
        };
        var command = new Command("report",
            "Rebuilds a finished run's report.md and plots/*.png from its summary.json and timeseries.json, "
            + "replacing the old ones. A missing folder or file exits 2 and writes nothing.") { folder };
        command.SetAction(parsed =>
        {
            try
            {
                var path = parsed.GetValue(folder) ?? "";
                // Held as a run holds it: a report is not rebuilt under a run still writing there.
                var busy = "";
                using var held = Directory.Exists(path) ? RunFolder.Hold(path, out busy) : null;
                if (held is null && busy.Length > 0)
                {
                    env.Error.WriteLine("error: " + busy);
                    return ExitCodes.BadInput;
                }
                if (Sweep.SweepManifest.Read(path, out var notSweep) is { } manifest)
                {
                    var (sweepProblem, plots) = Sweep.SweepManifest.Rebuild(path, manifest);
                    if (sweepProblem is not null) env.Error.WriteLine("error: " + sweepProblem);
                    else env.Out.WriteLine($"written: {string.Join(", ", plots)}");
                    return sweepProblem is null ? ExitCodes.Done : ExitCodes.BadInput;
                }
                if (notSweep.Length > 0)
                {
                    env.Error.WriteLine("error: " + notSweep);
                    return ExitCodes.BadInput;
                }
                var outcome = ReportFiles.Rebuild(path);
                if (outcome.Problem is { } problem)
                {
                    env.Error.WriteLine("error: " + problem);
                    return ExitCodes.BadInput;
                }
                env.Out.WriteLine($"written: {outcome.ReportPath}, {string.Join(", ", outcome.Plots)}");
                return ExitCodes.Done;
            }
            catch (Exception e)
            {
                return Diagnostics.Bug(e, null, env.Error);
            }
        });
        return command;
    }
}
