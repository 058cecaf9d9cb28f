using System.CommandLine;
using TcpSwarm.Scenarios;

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
            var path = parsed.GetRequiredValue(options.Scenario);
            var (overrides, optionProblems) = options.Read(parsed);
            var loaded = ScenarioLoader.Load(path, overrides, Diagnostics.MemoryLimitBytes);
            Diagnostics.PrintNotes(loaded.Notes, env.Error);
            var problems = loaded.Problems.Concat(optionProblems).ToList();
            if (problems.Count > 0) return Diagnostics.Refuse(problems, env.Error);

            var scenario = loaded.Scenario
                           ?? throw new InvalidOperationException("the loader returned neither a scenario nor a problem");
            ScenarioAccount.Write(path, scenario, loaded.Memory, Diagnostics.MemoryLimitBytes, env.Out);
            return ExitCodes.Done;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }
}
