using System.CommandLine;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm validate SCENARIO.yaml`: checks a scenario with the real loader and runs nothing.</summary>
internal static class ValidateVerb
{
    public static Command Build(CliEnvironment env)
    {
        var options = new ScenarioOptions();
        var command = new Command("validate",
            "Checks a scenario without running it: prints every problem, located as FILE:LINE:COLUMN, and exits 2; or "
            + "an account of the run it describes (seed, duration, profile, servers, clients, attackers, lookahead, "
            + "memory estimate) and exits 0. --seed, --speed and --set check a variant as run would run it.");
        options.AddTo(command);
        command.SetAction(parsed => Execute(parsed, options, env));
        return command;
    }

    private static int Execute(ParseResult parsed, ScenarioOptions options, CliEnvironment env)
    {
        try
        {
            var (scenario, memory) = options.Load(parsed, env.Error);
            if (scenario is null) return ExitCodes.BadInput;

            ScenarioAccount.Write(parsed.GetRequiredValue(options.Scenario), scenario, memory,
                Diagnostics.MemoryLimitBytes, env.Out);
            return ExitCodes.Done;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }
}
