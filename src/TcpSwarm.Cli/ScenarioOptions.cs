using System.CommandLine;
using System.Globalization;
using TcpSwarm.Cli.Checks;
using TcpSwarm.Cli.Output;
using TcpSwarm.Scenarios;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli;

/// <summary>The scenario argument and the options that change it (--seed, --speed, --set, --sysctl-file), shared by
/// run and validate, and their reading into <see cref="ScenarioOverrides"/> with every mistake as a located problem.
/// </summary>
internal sealed class ScenarioOptions
{
    private (ScenarioLoadResult Result, ScenarioOverrides Overrides)? _loaded;

    public Argument<string> Scenario { get; } = new("SCENARIO")
    {
        Description = "The scenario file, YAML (load/*.yaml; the format is in load/README.md).",
    };

    public Option<string> Seed { get; } = new("--seed")
    {
        HelpName = "N",
        Description = "The seed every random draw is keyed by, 0 to 18446744073709551615; wins over the scenario's "
                      + "'seed:' and over --set seed=. Default: the scenario's seed (1 when it names none).",
    };

    public Option<string> Speed { get; } = new("--speed")
    {
        HelpName = "max|F",
        Description = "How fast virtual time may run: 'max' (as fast as the machine can) or a factor F of virtual "
                      + "seconds per wall second (1 is wall time, for a live demo); wins over the scenario's "
                      + "'speed:'. Default: the scenario's speed (max when it names none).",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        HelpName = "KEY=VALUE",
        Description = "Changes one value of the scenario; repeat it for more, a later one for the same key wins. "
                      + "KEY is a sysctl (net.ipv4.tcp_syncookies=0), a top-level key (duration=30s, time_wait=30s, "
                      + "profile=linux-6.1) or servers.NAME.FIELD, clients.NAME.FIELD, attackers.NAME.FIELD "
                      + "(servers.web.backlog=128). Default: none.",
    };

    public Option<string> SysctlFile { get; } = new("--sysctl-file")
    {
        HelpName = "FILE",
        Description = "A real server's `sysctl -a` output (or a sysctl.conf): the keys the model uses override the "
                      + "profile, the others are counted in a note; a value out of range is refused at its line. Wins "
                      + "over the scenario's 'sysctl_file:'; the scenario's 'sysctl:' keys and --set win over it. "
                      + "Default: the scenario's sysctl_file (none when it names none).",
    };

    public Option<string[]> Check { get; } = new("--check")
    {
        HelpName = "EXPR",
        Description = "A condition the run must meet, PATH OP VALUE on summary.json: 'handshake.p99 < 1s', "
                      + "'outcomes.port_exhausted == 0', 'servers.web.counters.ListenOverflows <= 100'; repeat it for "
                      + "more, after the scenario's checks:. Each is printed with its measured value; any that fails "
                      + "exits 5. A path that names no figure is refused before the run. Default: none.",
    };

    /// <summary>--check, for the verb that runs (validate checks the scenario's own checks: only).</summary>
    public void AddCheckTo(Command command) => command.Add(Check);


    /// <summary>"Do it anyway": the one option that overrides a refusal meant to protect the user (here: a memory
    /// estimate above this machine's memory; an --out folder that holds an earlier run).</summary>
    public Option<bool> Force { get; } = new("--force")
    {
        Description = "Do it anyway: run a scenario whose memory estimate exceeds this machine's memory (the run still "
                      + "stops, with partial results, if its working set passes 80% of the memory); with run's --out, "
                      + "a folder that holds an earlier run has that run's files (summary.json, run.json, time series, "
                      + "report.md, plots/*.png, pcaps, ladder.txt) removed before this run writes. Default: refuse.",
    };

    public void AddTo(Command command)
    {
        command.Add(Scenario);
        command.Add(Seed);
        command.Add(Speed);
        command.Add(Set);
        command.Add(SysctlFile);
        command.Add(Force);
    }

    /// <summary>Loads the scenario as the options change it and prints its notes; when anything is wrong, prints every
    /// problem and the refusal and returns a null scenario (exit 2: nothing was started).</summary>
    /// <param name="more">Problems of the verb's other options (metrics), refused with the scenario's.</param>
    public (Scenario? Scenario, MemoryEstimate? Memory) Load(ParseResult parsed, TextWriter error,
        IReadOnlyList<ScenarioProblem>? more = null)
    {
        var loaded = LoadForRun(parsed, error, more);
        return (loaded?.Scenario, loaded?.Memory);
    }

    /// <summary>As <see cref="Load"/>, with what a run records beside the scenario: its checks, each path resolved
    /// against summary.json (a path that names no figure is a problem like any other), and its setup for run.json.
    /// </summary>
    public LoadedRun? LoadForRun(ParseResult parsed, TextWriter error, IReadOnlyList<ScenarioProblem>? more = null)
    {
        var (overrides, optionProblems) = Read(parsed);
        var limit = parsed.GetValue(Force) ? 0 : Diagnostics.MemoryLimitBytes;
        var loaded = ScenarioLoader.Load(parsed.GetRequiredValue(Scenario), overrides, limit);
        _loaded = (loaded, overrides);
        Diagnostics.PrintNotes(loaded.Notes, error);
        var problems = loaded.Problems.Concat(optionProblems).Concat(more ?? []).ToList();
        CheckVerdicts? checks = null;
        if (loaded.Scenario is { } valid) checks = CheckVerdicts.Resolve(loaded.Checks, valid, problems);
        if (problems.Count > 0)
        {
            Diagnostics.Refuse(problems, error);
            return null;
        }
        var scenario = loaded.Scenario
                       ?? throw new InvalidOperationException("the loader returned neither a scenario nor a problem");
        return new LoadedRun(scenario, loaded.Memory, checks!, SetupDocument.Of(scenario, overrides, loaded.FilesRead));
    }

    /// <summary>The scenario <see cref="Load"/> read: its file's text and the overrides, for silos that read it again.
    /// </summary>
    /// <remarks>Nothing is read twice: a scenario or sysctl file given as a pipe (bash's &lt;(...)) is empty the second
    /// time. The files it refers to travel as text: silos read nothing from this machine's disk.</remarks>
    public ScenarioSource Source(ParseResult parsed)
    {
        if (_loaded is not var (loaded, overrides))
            throw new InvalidOperationException("the scenario's source is asked for before it was loaded");
        return new ScenarioSource(parsed.GetRequiredValue(Scenario), loaded.Text,
            overrides with { Files = loaded.FilesRead });
    }

    /// <summary>The overrides the options give, and the problems of those that are malformed (a --set without '=',
    /// a --seed that is not a whole number); the loader finds the rest (an unknown key, a value out of
    /// range).</summary>
    public (ScenarioOverrides Overrides, IReadOnlyList<ScenarioProblem> Problems) Read(ParseResult parsed)
    {
        var problems = new List<ScenarioProblem>();
        ulong? seed = null;
        if (parsed.GetValue(Seed) is { } seedText)
        {
            if (ulong.TryParse(seedText.Replace("_", "", StringComparison.Ordinal).Trim(), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var value))
                seed = value;
            else
                problems.Add(new ScenarioProblem("--seed", 0, 0, "seed",
                    $"'{seedText}' is not allowed; use an integer from 0 to 18446744073709551615"));
        }

        var sets = new List<(string Key, string Value)>();
        foreach (var text in parsed.GetValue(Set) ?? [])
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                problems.Add(new ScenarioProblem("--set", 0, 0, text.Trim(),
                    $"'{text}' has no '='; use --set KEY=VALUE, for example --set net.ipv4.tcp_syncookies=0"));
            else
                sets.Add((text[..equals], text[(equals + 1)..]));
        }
        var sysctlFile = parsed.GetValue(SysctlFile);
        if (sysctlFile is { } f && f.Trim().Length == 0)
        {
            problems.Add(new ScenarioProblem("--sysctl-file", 0, 0, "sysctl_file",
                "is empty; use the path of a file of `sysctl -a` output"));
            sysctlFile = null;
        }
        return (new ScenarioOverrides
        {
            Seed = seed, Speed = parsed.GetValue(Speed), Sets = sets, SysctlFile = sysctlFile,
            Checks = parsed.GetValue(Check) ?? [],
        }, problems);
    }
}
