using System.CommandLine;
using System.Globalization;
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
        var silos = new Option<string>("--silos")
        {
            HelpName = "N",
            Description = "Also prints where each host would run on N silos, one partition each (1 to "
                          + $"{MaxSilos}): every partition's units (a server with its clients and attackers, or the "
                          + "parts of one split for being too heavy) and its expected share of the events; idle "
                          + "partitions named. Default: no placement printed.",
        };
        command.Add(silos);
        command.SetAction(parsed => Execute(parsed, options, parsed.GetValue(silos), env));
        return command;
    }

    /// <summary>The most silos a placement is printed for.</summary>
    public const int MaxSilos = 1024;

    private static int Execute(ParseResult parsed, ScenarioOptions options, string? silos, CliEnvironment env)
    {
        try
        {
            int? count = null;
            if (silos is not null)
            {
                if (!int.TryParse(silos, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1
                    || value > MaxSilos)
                    return Diagnostics.Refuse([new ScenarioProblem("--silos", 0, 0, "silos",
                        $"'{Printable.Of(silos)}' is not allowed; use a whole number of silos, 1 to {MaxSilos}")],
                        env.Error);
                count = value;
            }
            var (scenario, memory) = options.Load(parsed, env.Error);
            if (scenario is null) return ExitCodes.BadInput;

            ScenarioAccount.Write(parsed.GetRequiredValue(options.Scenario), scenario, memory,
                Diagnostics.MemoryLimitBytes, env.Out);
            if (count is { } n) PlacementAccount.Write(scenario, n, env.Out);
            return ExitCodes.Done;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }
}
