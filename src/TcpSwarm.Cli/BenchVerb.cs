using System.CommandLine;
using System.Text.Json;
using TcpSwarm.Cli.Bench;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm bench [--quick] [--json FILE]`: the Orleans baseline and TcpSwarm's workloads measured in one
/// process, each figure printed with its ratio to the baseline or to the issue's target.</summary>
internal static class BenchVerb
{
    public static Command Build(CliEnvironment env)
    {
        var quick = new Option<bool>("--quick")
        {
            Description = "Smaller measurements (a ramp to 20,000 connections, tables of 1,000,000 entries, 3 "
                          + "rounds): a few minutes at most. Default: the full bench (1,000,000 connections, "
                          + "10,000,000 entries, 5 rounds), which needs 8 GiB of memory.",
        };
        var json = new Option<string>("--json")
        {
            HelpName = "FILE",
            Description = "Also write every figure, ratio, run and reading as JSON (snake_case keys) to FILE.",
        };
        var only = new Option<string[]>("--only")
        {
            HelpName = "PART",
            Description = "Measure only these parts (repeatable): " + string.Join(", ", BenchPlan.Parts)
                          + "; the others' figures are left out (null in the JSON). Default: every part.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench",
            "Measures an Orleans baseline (one-way messages among 20,000 live grains; activations of an empty grain) "
            + "and TcpSwarm's workloads at speed max on an embedded silo (connection churn, a spoofed SYN flood "
            + "against syncookies, load/syn-flood.yaml, a ramp to N ESTABLISHED connections), and the bytes per "
            + "SYN_RCVD and TIME_WAIT entry of the model's tables; prints each figure as a median with its ratio "
            + "to the baseline measured in the same run, or to the target, and whether the target is met.")
        {
            quick, json, only,
        };
        command.SetAction((parsed, _) => ExecuteAsync(parsed.GetValue(quick), parsed.GetValue(json),
            parsed.GetValue(only), env));
        return command;
    }

    private static async Task<int> ExecuteAsync(bool quick, string? jsonPath, string[]? only, CliEnvironment env)
    {
        try
        {
            var plan = quick ? BenchPlan.QuickPlan : BenchPlan.Full;
            if (only is { Length: > 0 })
            {
                var unknown = only.Where(p => !BenchPlan.Parts.Contains(p)).ToList();
                if (unknown.Count > 0)
                {
                    env.Error.WriteLine($"error: --only: {string.Join(", ", unknown)} is not a part of the bench; use "
                                        + string.Join(", ", BenchPlan.Parts) + "; nothing was run");
                    return ExitCodes.BadInput;
                }
                plan = plan with { Only = new HashSet<string>(only, StringComparer.Ordinal) };
            }
            long memory = Diagnostics.MemoryLimitBytes;
            if (memory < plan.RequiredMemoryBytes && plan.Measures("ramp"))
            {
                env.Error.WriteLine($"error: the full bench needs {Numbers.Bytes(plan.RequiredMemoryBytes)} of memory "
                                    + $"for its ramp to {plan.RampConnections:N0} ESTABLISHED connections (the target, "
                                    + $"{Numbers.Bytes(BenchPlan.RampTargetBytes)}, plus "
                                    + $"{Numbers.Bytes(BenchPlan.MarginBytes)} for the silo and a full GC); this "
                                    + $"machine has {Numbers.Bytes(memory)}. Nothing was run; 'tcpswarm bench --quick' "
                                    + "needs less.");
                return ExitCodes.BadInput;
            }
            if (jsonPath is not null && !CanWrite(jsonPath, env.Error)) return ExitCodes.BadInput;

            var startedAt = env.Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
                System.Globalization.CultureInfo.InvariantCulture);
            // Ctrl-C, SIGTERM or SIGHUP ends the bench after the measurement under way; the figures so far are
            // printed and written (exit 130), whatever further signals come.
            using var interruption = env.Interruptions(env.Error);
            interruption.FirstRequestMeans = "stopping after the measurement under way, then printing the figures "
                                             + "measured so far (a further signal does not stop that)";
            interruption.LaterRequestMeans = "the figures measured so far are still printed and written; only "
                                             + "SIGKILL stops tcpswarm before that";
            var results = await new BenchSession(plan, env.Error, () => interruption.Requested).RunAsync()
                .ConfigureAwait(false);
            var figures = new BenchFigures(results);
            BenchTable.Write(figures, env.Out);
            if (jsonPath is not null)
            {
                var document = BenchDocuments.Of(figures, startedAt, ToolVersion.Informational);
                var bytes = JsonSerializer.SerializeToUtf8Bytes(document, BenchJsonContext.Default.BenchDocument);
                Output.RunFiles.Replace(jsonPath, [.. bytes, (byte)'\n']);     // whole or not at all
                env.Out.WriteLine($"written: {jsonPath}");
            }
            if (interruption.Requested)
            {
                env.Error.WriteLine("tcpswarm bench: interrupted; the figures above are those measured before it");
                return ExitCodes.Interrupted;
            }
            if (results.Failures.Count == 0) return ExitCodes.Done;
            env.Error.WriteLine($"tcpswarm bench: {results.Failures.Count} measurement(s) failed (the FAILED lines "
                                + "above say which and why); their figures are missing.");
            return ExitCodes.Other;
        }
        catch (Exception e)
        {
            return Diagnostics.Bug(e, null, env.Error);
        }
    }

    // The JSON file is refused before anything runs, not after the bench's minutes: its folder is made, and a file
    // written there and removed, without touching FILE itself (an earlier bench's stays until the new one replaces it).
    private static bool CanWrite(string path, TextWriter error)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new IOException("it is a folder");
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var probe = full + "." + Path.GetRandomFileName() + Output.RunFiles.TemporarySuffix;
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
                                      or NotSupportedException)
        {
            error.WriteLine($"error: --json: cannot write '{path}': {e.Message}; nothing was run");
            return false;
        }
    }
}
