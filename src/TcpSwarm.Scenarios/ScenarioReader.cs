using TcpSwarm.Simulation.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TcpSwarm.Scenarios;

/// <summary>Reads one scenario's YAML tree into a Scenario, collecting every problem, never stopping at one.</summary>
/// <remarks>Each field is read with a fallback value, so one mistake never hides the next; the Scenario is built only
/// when no problem was found. Cross-references (targets, paths, fault names) are checked once everything is read.
/// </remarks>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TopKeys =
    [
        "seed", "duration", "profile", "sysctl_file", "sysctl", "time_wait", "sample_interval", "speed",
        "servers", "clients", "attackers", "paths", "faults", "trace", "checks",
    ];

    private readonly string _file;
    private readonly ScenarioOverrides _options;
    private readonly List<ScenarioProblem> _problems = [];
    private readonly List<ScenarioNote> _notes = [];
    private readonly Dictionary<string, string> _filesRead = [];

    private TimeSpan _duration = TimeSpan.FromSeconds(60);
    private bool _durationOk;

    public ScenarioReader(string file, ScenarioOverrides options)
    {
        _file = file;
        _options = options;
        Overrides = new OverrideTable(options.Sets);
    }

    public OverrideTable Overrides { get; }

    public Spot SpotOf(YamlNode node) => Spot.Of(_file, node);

    public void Problem(Spot at, string field, string message) =>
        _problems.Add(new ScenarioProblem(at.File, at.Line, at.Column, field, message));

    private void Note(Spot at, string field, string message) =>
        _notes.Add(new ScenarioNote(at.File, at.Line, at.Column, field, message));

    /// <summary>A YAML null: an empty plain value, ~ or null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode
        {
            Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL",
        };

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode { Children.Count: 0 } => "an empty list",
        YamlSequenceNode q => $"a list of {q.Children.Count}",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    public ScenarioLoadResult Read(YamlNode root, string name, string question, long memoryLimitBytes)
    {
        if (root is not YamlMappingNode)
        {
            Problem(SpotOf(root), "yaml",
                $"a scenario is a mapping of keys (seed:, duration:, servers:, ...), found {Describe(root)}");
            return Result(null, null);
        }
        var top = new Fields(this, root, "", "", SpotOf(root), "a scenario", TopKeys);
        var (profile, sysctls, timeWaitIsStudy) = ReadKernel(top);
        var seed = _options.Seed is { } seedOption
            ? Ignore(top, "seed", seedOption)
            : Read(top, "seed", Kinds.Seed, 1UL);
        _durationOk = TryReadRequired(top, "duration", Kinds.Duration(false, Kinds.OneDay), "a scenario",
            out _duration);
        var sampleInterval = ReadSampleInterval(top);
        var speed = ReadSpeed(top);

        ReadServers(top, profile);
        ReadClients(top);
        ReadAttackers(top);
        ReadPaths(top);
        ReadFaults(top);
        var trace = ReadTrace(top);
        ReadChecks(top);
        CheckReferences(top);
        ReportUntakenOverrides();

        if (_problems.Count > 0) return Result(null, null);
        var scenario = new Scenario(name, question, seed, _duration, profile, sysctls, timeWaitIsStudy, sampleInterval,
            speed, [.. _servers.Select(s => s.Spec)], [.. _clients.Select(c => c.Spec)],
            [.. _attackers.Select(a => a.Spec)], [.. _paths.Select(p => p.Spec)], [.. _faults], trace);
        var memory = MemoryEstimate.Of(scenario);
        CheckMemory(memory, memoryLimitBytes);
        return _problems.Count > 0 ? Result(null, memory) : Result(scenario, memory);
    }

    /// <summary>The problems: the file's in file order, then the options' in command-line order.</summary>
    public IReadOnlyList<ScenarioProblem> SortedProblems()
    {
        var sets = _options.Sets.Select(s => s.Key.Trim()).ToList();
        return
        [
            .. _problems.Select((p, i) => (p, i))
                .OrderBy(x => x.p.File == _file ? 0
                    : x.p.File == OverrideTable.File ? 1
                    : x.p.File == CheckOption ? 3 : 2)
                .ThenBy(x => x.p.Line).ThenBy(x => x.p.Column)
                .ThenBy(x => x.p.File == OverrideTable.File ? sets.LastIndexOf(x.p.Field) : 0)
                .ThenBy(x => x.i)
                .Select(x => x.p),
        ];
    }

    private ScenarioLoadResult Result(Scenario? scenario, MemoryEstimate? memory) =>
        new(scenario, SortedProblems(), [.. _notes.OrderBy(n => n.Line).ThenBy(n => n.Column)], memory)
        {
            FilesRead = _filesRead,
            Checks = scenario is null ? [] : _checks,
        };

    // ---- Generic readers -------------------------------------------------------------------------------------------

    public T Read<T>(Fields f, string key, ValueKind<T> kind, T fallback) =>
        TryRead(f, key, kind, out var v) ? v : fallback;

    /// <summary>The value of an optional key; false when absent or wrong (reported).</summary>
    public bool TryRead<T>(Fields f, string key, ValueKind<T> kind, out T value)
    {
        value = default!;
        var s = f.Scalar(key, kind.Expected);
        if (s is null) return false;
        if (kind.TryParse(s.Text, out value, out var error)) return true;
        Problem(s.At, s.Field, error);
        return false;
    }

    /// <summary>The value of a required key; its absence is reported, naming what its owner needs.</summary>
    public bool TryReadRequired<T>(Fields f, string key, ValueKind<T> kind, string owner, out T value)
    {
        value = default!;
        var s = f.Scalar(key, kind.Expected);
        if (s is null)
        {
            if (!f.InFile(key) && !f.Reported) Problem(f.At, f.Field(key),
                $"missing; {owner} needs '{key}', {kind.Expected}");
            return false;
        }
        if (kind.TryParse(s.Text, out value, out var error)) return true;
        Problem(s.At, s.Field, error);
        return false;
    }

    /// <summary>A list's items; an absent list or a YAML null is empty; anything but a list is reported.</summary>
    private List<YamlNode> Items(Fields f, string key, string what, out bool wrongType)
    {
        wrongType = false;
        var node = f.Node(key);
        if (node is null || IsNull(node)) return [];
        if (node is YamlSequenceNode seq) return [.. seq.Children];
        Problem(SpotOf(node), f.Field(key),
            $"expected a list of {what} (each item starting with '- '), found {Describe(node)}");
        wrongType = true;
        return [];
    }

    private string? ReadName(Fields f, string owner) =>
        TryReadRequired(f, "name", Kinds.Name, owner, out var name) ? name : null;

    private TimeSpan ReadSampleInterval(Fields top)
    {
        var fallback = _duration < TimeSpan.FromSeconds(1) ? _duration : TimeSpan.FromSeconds(1);
        if (!TryRead(top, "sample_interval", Kinds.Duration(false, Kinds.OneDay), out var interval)) return fallback;
        if (_durationOk && interval > _duration)
        {
            var d = Units.FormatDuration(_duration);
            Problem(WhereIs(top, "sample_interval"), FieldOf(top, "sample_interval"),
                $"{Units.FormatDuration(interval)} is longer than the run (duration {d}); use at most {d}");
        }
        return interval;
    }

    private Pacing ReadSpeed(Fields top)
    {
        if (_options.Speed is not { } option) return Read(top, "speed", Kinds.Speed, Pacing.Max);
        if (Kinds.Speed.TryParse(option, out var fromOption, out var error)) return Ignore(top, "speed", fromOption);
        Problem(new Spot("--speed", 0, 0), "speed", error);
        return Ignore(top, "speed", Pacing.Max);
    }

    // --seed and --speed win over both the file and --set: neither is read (a --set for them is taken, unused).
    private static T Ignore<T>(Fields top, string key, T optionValue)
    {
        top.Override(key);
        return optionValue;
    }

    /// <summary>Checks a [from, until) window against the run: inside [0, duration], until after from.</summary>
    private void CheckWindow(Fields f, string fromKey, TimeSpan from, string untilKey, TimeSpan until)
    {
        if (!_durationOk) return;
        var d = Units.FormatDuration(_duration);
        if (from >= _duration)
            Problem(WhereIs(f, fromKey), FieldOf(f, fromKey),
                $"{Units.FormatDuration(from)} is not inside the run (duration {d}); use a time before {d}");
        else if (until > _duration)
            Problem(WhereIs(f, untilKey), FieldOf(f, untilKey),
                $"{Units.FormatDuration(until)} is after the run ends (duration {d}); use at most {d}");
        else if (until <= from)
            Problem(WhereIs(f, untilKey), FieldOf(f, untilKey),
                $"{Units.FormatDuration(until)} is not after {fromKey} ({Units.FormatDuration(from)}); "
                + $"use a later time, at most {d}");
    }

    // Where a key's value came from: --set (line 0) when an option gave it, else the file.
    private static Spot WhereIs(Fields f, string key) => f.Override(key) is { } given ? given.At : f.ValueAt(key);

    // The field to name for a key's value: the option's key when --set gave it.
    private static string FieldOf(Fields f, string key) => f.Override(key) is { } given ? given.Field : f.Field(key);

    private void CheckMemory(MemoryEstimate memory, long limitBytes)
    {
        if (limitBytes <= 0 || memory.Bytes <= limitBytes || memory.Dominant is not { } most) return;
        var (at, field) = WhereIsLargest(most.Owner.Length > 0 ? most.Owner : memory.Largest);
        Problem(at, field,
            $"the run would need about {MiB(memory.Bytes)} at its peak, "
            + $"more than the limit of {MiB(limitBytes, true)}; "
            + $"most of it is {most} at {MiB(most.Bytes)}: {most.Shrink} (or --force to run it anyway)");
    }

    private static string MiB(long bytes, bool down = false)
    {
        const double Mebi = 1024 * 1024;
        var n = down ? Math.Floor(bytes / Mebi) : Math.Ceiling(bytes / Mebi);
        return Kinds.N((long)n) + " MiB";
    }
}
