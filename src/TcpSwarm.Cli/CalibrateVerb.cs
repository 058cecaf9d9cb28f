using System.CommandLine;
using TcpSwarm.Calibration;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm calibrate [--quick]`: small experiments against this machine's Linux kernel in namespaces of
/// its own, the same in the simulator, and the table of both; exit 4 when a row is beyond its tolerance.</summary>
internal static class CalibrateVerb
{
    public static Command Build(CliEnvironment env)
    {
        var quick = new Option<bool>("--quick")
        {
            Description = "Lower the retry counts inside the namespaces (tcp_synack_retries 2, tcp_syn_retries 2 or "
                          + "1, 3 for the SYN bursts) and close connections for 10 s instead of 50 s: under two "
                          + "minutes instead of about two and a half. The simulator is given the same values.",
        };
        var command = new Command("calibrate",
            "Runs small experiments against this machine's Linux kernel, inside network namespaces it creates and "
            + "always removes (veth pairs, nftables drops, raw sockets; nothing leaves them), then the same "
            + "experiments in the simulator with the namespaces' own sysctls and the profile of this kernel, and "
            + "prints them side by side: kernel, simulator, difference, tolerance. Needs root. Exit codes: 0 every "
            + "row within its tolerance, 4 a row beyond it, 2 not root or a tool missing, 130 interrupted "
            + "(Ctrl-C, SIGTERM or SIGHUP: the namespaces are removed first).");
        command.Add(quick);
        command.SetAction((parsed, _) => ExecuteAsync(new CalibrationMode(parsed.GetValue(quick)), env));
        return command;
    }

    private static async Task<int> ExecuteAsync(CalibrationMode mode, CliEnvironment env)
    {
        if (Calibrator.MissingPrecondition() is { } missing)
        {
            env.Error.WriteLine("error: " + missing + "; nothing was started.");
            return ExitCodes.BadInput;
        }
        using var interruption = env.Interruptions(env.Error);
        interruption.FirstRequestMeans = "stopping the experiments and removing their namespaces (a further signal "
                                         + "does not stop that)";
        interruption.LaterRequestMeans = "still removing calibrate's namespaces; only SIGKILL stops that (the next "
                                         + "calibrate then removes what is left)";
        try
        {
            env.Error.WriteLine(mode.Quick ? "calibrate --quick: under two minutes" : "calibrate: about 2.5 minutes");
            var report = await Calibrator.RunAsync(mode, env.Error, interruption.Token).ConfigureAwait(false);
            env.Out.WriteLine($"kernel {report.Kernel.Release} (HZ {report.Kernel.Hz}) against TcpSwarm "
                              + $"{report.Kernel.Profile}{(mode.Quick ? ", --quick" : "")}; "
                              + "difference = kernel - simulator");
            env.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"timer latency beyond the wheel's rounding, over {report.Probes} probes: 99th percentile "
                + $"{report.TimerLatency.TotalMilliseconds:0.0} ms (added once per timer to the timed rows), largest "
                + $"{report.MaxTimerLatency.TotalMilliseconds:0.0} ms"));
            env.Out.WriteLine();
            CalibrationTable.Write(report.Rows, env.Out);
            return report.AllWithin ? ExitCodes.Done : ExitCodes.Disagreement;
        }
        catch (Exception) when (interruption.Requested)
        {
            env.Error.WriteLine("interrupted: every namespace calibrate made has been removed");
            return ExitCodes.Interrupted;
        }
        catch (CalibrationException e)
        {
            env.Error.WriteLine("error: the kernel side of calibrate could not run here: " + e.Message
                                + "; every namespace it made has been removed.");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }
}
