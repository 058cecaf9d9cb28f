using System.CommandLine;
using System.CommandLine.Invocation;

namespace TcpSwarm.Cli;

/// <summary>The command tree of tcpswarm and its invocation: System.CommandLine parses, our verbs act.</summary>
internal static class Tool
{
    public const string Description =
        "tcpswarm simulates TCP connection lifecycles at high volume: SYN floods, slow accept(), TIME_WAIT piles and "
        + "ephemeral-port exhaustion, in virtual time, reproducible from a seed. Scenarios are YAML files "
        + "(load/README.md). Exit codes: 0 done; 1 a bug or a part this build lacks; 2 the input is wrong and nothing "
        + "ran; 3 the cluster failed (results up to the last completed window written); 4 calibrate found the kernel "
        + "and the simulator apart; 5 the run completed and a check failed; 130 interrupted (partial results written).";

    /// <summary>Parses args and runs the verb they name; the exit code of docs/outputs.md.</summary>
    public static async Task<int> InvokeAsync(string[] args, CliEnvironment env)
    {
        var root = new RootCommand(Description)
        {
            ValidateVerb.Build(env), RunVerb.Build(env, args), ReportVerb.Build(env), CompareVerb.Build(env),
            SweepVerb.Build(env, args), SiloVerb.Build(env),
            CalibrateVerb.Build(env), BenchVerb.Build(env), DrillVerb.Build(env),
        };
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion();
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction)
            return RefuseCommandLine(parsed, env.Error);

        // Ctrl-C belongs to the run verb (Interruption), and our own guard prints bugs: System.CommandLine's are off.
        var invocation = new InvocationConfiguration
        {
            Output = env.Out,
            Error = env.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        var code = await parsed.InvokeAsync(invocation).ConfigureAwait(false);
        await env.Out.FlushAsync().ConfigureAwait(false);
        await env.Error.FlushAsync().ConfigureAwait(false);
        return code;
    }

    // A command-line mistake (unknown option, missing argument) is the user's: its message, exit 2, no help dump.
    private static int RefuseCommandLine(ParseResult parsed, TextWriter error)
    {
        foreach (var problem in parsed.Errors) error.WriteLine("error: " + problem.Message);
        var verb = parsed.CommandResult.Command is RootCommand ? "" : parsed.CommandResult.Command.Name + " ";
        error.WriteLine($"see 'tcpswarm {verb}--help'; nothing was started.");
        error.Flush();
        return ExitCodes.BadInput;
    }
}
