namespace TcpSwarm.Cli;

/// <summary>tcpswarm's exit codes (docs/outputs.md), so that a script can tell what happened from $? alone.</summary>
internal static class ExitCodes
{
    /// <summary>The verb did what was asked.</summary>
    public const int Done = 0;

    /// <summary>Anything else: a bug of ours (printed with its stack trace), or a part this build lacks.</summary>
    public const int Other = 1;

    /// <summary>The input is wrong or a precondition is missing; nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>The cluster failed; what was finished up to the last completed window is written.</summary>
    public const int ClusterFailed = 3;

    /// <summary>calibrate found the kernel and the simulator apart beyond a row's tolerance.</summary>
    public const int Disagreement = 4;

    /// <summary>The run completed and a check of the scenario's checks: or --check failed; everything is written.
    /// </summary>
    public const int ChecksFailed = 5;

    /// <summary>Stopped because the working set passed 80% of the machine's memory; partial results written and marked
    /// so, as for an interruption.</summary>
    public const int OutOfMemory = 6;

    /// <summary>Interrupted (Ctrl-C, SIGTERM); partial results written and marked so.</summary>
    public const int Interrupted = 130;
}
