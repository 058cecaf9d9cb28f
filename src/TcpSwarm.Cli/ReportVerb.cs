using System.CommandLine;
using TcpSwarm.Cli.Report;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm report RUN_DIR`: rebuilds report.md and plots/ of a finished run from its data files.</summary>
internal static class ReportVerb
{
    public static Command Build(CliEnvironment env)
    {
        var folder = new Argument<string>("RUN_DIR")
        {
            Description = "A run folder that `tcpswarm run` wrote: it reads summary.json and timeseries.json there.",
        };
        var command = new Command("report",
            "Rebuilds a finished run's report.md and plots/*.png from its summary.json and timeseries.json, "
            + "replacing the old ones. A missing folder or file exits 2 and writes nothing.") { folder };
        command.SetAction(parsed =>
        {
            try
            {
                var outcome = ReportFiles.Rebuild(parsed.GetValue(folder) ?? "");
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
