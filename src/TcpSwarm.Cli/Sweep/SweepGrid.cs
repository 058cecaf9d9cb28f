using TcpSwarm.Scenarios;

namespace TcpSwarm.Cli.Sweep;

/// <summary>The runs of a sweep: every combination of the varied values (the first key varying slowest), each with
/// every seed, and the folder each is written to.</summary>
internal sealed class SweepGrid
{
    /// <summary>At most this many runs in one sweep (values × values × ... × seeds).</summary>
    public const int MaxRuns = 500;

    /// <summary>At most this many seeds.</summary>
    public const int MaxSeeds = 100;

    private SweepGrid(IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<string>> values,
        IReadOnlyList<ulong> seeds)
    {
        Keys = keys;
        Values = values;
        Seeds = seeds;
        var points = new List<SweepPoint>();
        var combination = new int[keys.Count];
        while (true)
        {
            var set = keys.Select((k, i) => (k, values[i][combination[i]])).ToList();
            foreach (var seed in seeds) points.Add(new SweepPoint(set, seed));
            int d = keys.Count - 1;
            while (d >= 0 && ++combination[d] == values[d].Count) combination[d--] = 0;
            if (d < 0) break;
        }
        Points = points;
    }

    /// <summary>The varied --set keys, in command-line order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Each key's values, as given.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Values { get; }

    public IReadOnlyList<ulong> Seeds { get; }

    /// <summary>Every run, in grid order: the order of sweep.csv's rows.</summary>
    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Reads the --vary options (KEY=V1,V2,...) and the seeds; every mistake a problem located at its
    /// option.</summary>
    public static SweepGrid? Read(IReadOnlyList<string> varies, ulong firstSeed, int seedCount,
        List<ScenarioProblem> problems)
    {
        var keys = new List<string>();
        var values = new List<IReadOnlyList<string>>();
        if (varies.Count == 0)
            problems.Add(new ScenarioProblem("--vary", 0, 0, "vary",
                "missing; give at least one --vary KEY=V1,V2,... (KEY as for --set, e.g. servers.web.backlog)"));
        foreach (var text in varies)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? text.Trim() : text[..equals].Trim();
            var list = equals < 0 ? [] : text[(equals + 1)..].Split(',').Select(v => v.Trim()).ToList();
            if (equals < 0 || key.Length == 0)
                problems.Add(new ScenarioProblem("--vary", 0, 0, key,
                    $"'{text}' is not KEY=V1,V2,...; for example --vary servers.web.backlog=128,256,1024"));
            else if (key is "seed")
                problems.Add(new ScenarioProblem("--vary", 0, 0, key, "the seed is varied by --seeds N, not --vary"));
            else if (list.Any(v => v.Length == 0))
                problems.Add(new ScenarioProblem("--vary", 0, 0, key,
                    $"'{text}' has an empty value; separate values by single commas"));
            else if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
                problems.Add(new ScenarioProblem("--vary", 0, 0, key, $"'{text}' gives a value twice"));
            else if (keys.Contains(key))
                problems.Add(new ScenarioProblem("--vary", 0, 0, key, "varied twice; give each key one --vary"));
            else
            {
                keys.Add(key);
                values.Add(list);
            }
        }
        if (seedCount is < 1 or > MaxSeeds)
            problems.Add(new ScenarioProblem("--seeds", 0, 0, "seeds",
                $"{seedCount} is not allowed; use an integer from 1 to {MaxSeeds}"));
        if (problems.Count > 0) return null;
        long runs = values.Aggregate(1L, (n, v) => n * v.Count) * seedCount;
        if (runs > MaxRuns)
        {
            problems.Add(new ScenarioProblem("--vary", 0, 0, "vary",
                $"the grid is {Kinds(values)} × {seedCount} seeds = {runs:N0} runs; a sweep runs at most {MaxRuns}"));
            return null;
        }
        var seeds = Enumerable.Range(0, seedCount).Select(i => unchecked(firstSeed + (ulong)i)).ToList();
        return new SweepGrid(keys, values, seeds);
    }

    private static string Kinds(IEnumerable<IReadOnlyList<string>> values) =>
        string.Join(" × ", values.Select(v => v.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
