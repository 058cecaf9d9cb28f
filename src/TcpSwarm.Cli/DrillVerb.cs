using System.CommandLine;
using TcpSwarm.Drill;
using TcpSwarm.Drill.Run;
using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm drill SCRIPT.pkt… | DIR`: packetdrill scripts played against the TCP model, one line each.
/// </summary>
internal static class DrillVerb
{
    public static Command Build(CliEnvironment env)
    {
        var paths = new Argument<string[]>("SCRIPT")
        {
            Description = "packetdrill scripts (.pkt), or folders searched for them (recursively)",
            Arity = ArgumentArity.OneOrMore,
        };
        var profile = new Option<string>("--profile")
        {
            Description = $"the local stack's profile: {string.Join(", ", TcpProfile.Names)}",
            DefaultValueFactory = _ => TcpProfile.Names[0],
        };
        var tolerance = new Option<long>("--tolerance_usecs", "--tolerance-usecs")
        {
            Description = "how far (µs) a packet or a call may be from its script time; a script's own "
                          + "--tolerance_usecs line wins",
            DefaultValueFactory = _ => DrillOptions.DefaultToleranceUsecs,
        };
        var ladder = new Option<bool>("--ladder") { Description = "print each run as a ladder, packet by packet" };
        var command = new Command("drill",
            "Plays packetdrill scripts against the TCP model: the script is the remote peer (192.0.2.1), the model "
            + "the local stack (192.168.0.1:8080). Prints pass, fail SCRIPT:LINE: expected …, got …, or "
            + "unsupported SCRIPT:LINE: what, per script, then the count. Exit 0 when every script passed, 4 when "
            + "any failed or was unsupported, 2 when a script does not parse (every problem located, nothing run).")
        {
            paths, profile, tolerance, ladder,
        };
        command.SetAction(parsed => Execute(parsed.GetRequiredValue(paths), parsed.GetRequiredValue(profile),
            parsed.GetValue(tolerance), parsed.GetValue(ladder), env));
        return command;
    }

    private static int Execute(string[] paths, string profileName, long tolerance, bool ladder, CliEnvironment env)
    {
        try
        {
            if (!TcpProfile.TryNamed(profileName, out var profile))
            {
                env.Error.WriteLine($"--profile: unknown profile '{profileName}'; use one of "
                                    + string.Join(", ", TcpProfile.Names));
                return ExitCodes.BadInput;
            }
            if (tolerance < 0)
            {
                env.Error.WriteLine($"--tolerance_usecs: {tolerance} is not allowed; use 0 or more microseconds");
                return ExitCodes.BadInput;
            }
            var files = new List<string>();
            foreach (var path in paths)
            {
                if (Directory.Exists(path))
                    files.AddRange(Directory.EnumerateFiles(path, "*.pkt", SearchOption.AllDirectories)
                        .Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else
                {
                    env.Error.WriteLine($"{path}: no such file or folder");
                    return ExitCodes.BadInput;
                }
            }
            if (files.Count == 0)
            {
                env.Error.WriteLine($"{string.Join(", ", paths)}: no .pkt script found");
                return ExitCodes.BadInput;
            }
            var scripts = new List<Script>();
            var problems = new List<ScriptProblem>();
            foreach (var file in files)
            {
                var parse = ScriptParser.Parse(file, File.ReadAllText(file));
                problems.AddRange(parse.Problems);
                if (parse.Script is { } script) scripts.Add(script);
            }
            if (problems.Count > 0)
            {
                foreach (var problem in problems) env.Error.WriteLine(problem.ToString());
                env.Error.WriteLine($"{problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was run.");
                return ExitCodes.BadInput;
            }
            return Play(scripts, new DrillOptions(profile, tolerance), ladder, env.Out);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }

    private static int Play(List<Script> scripts, DrillOptions options, bool ladder, TextWriter output)
    {
        int passed = 0, failed = 0, unsupported = 0;
        foreach (var script in scripts)
        {
            var verdict = DrillRunner.Run(script, options);
            switch (verdict.Outcome)
            {
                case DrillOutcome.Pass:
                    passed++;
                    output.WriteLine($"pass {script.File}");
                    break;
                case DrillOutcome.Fail:
                    failed++;
                    output.WriteLine($"fail {script.File}:{verdict.Line}: {verdict.Message}");
                    break;
                default:
                    unsupported++;
                    output.WriteLine($"unsupported {script.File}:{verdict.Line}: {verdict.Message}");
                    break;
            }
            if (ladder)
                foreach (var line in verdict.Ladder) output.WriteLine("    " + line);
        }
        output.WriteLine($"{scripts.Count} script{(scripts.Count == 1 ? "" : "s")}: {passed} passed, {failed} failed, "
                         + $"{unsupported} unsupported ({options.Profile.Name})");
        return passed == scripts.Count ? ExitCodes.Done : ExitCodes.Disagreement;
    }
}
