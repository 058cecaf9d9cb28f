using System.Globalization;
using TcpSwarm.Cli.Output;

namespace TcpSwarm.Cli.Sweep;

/// <summary>What `compare` reads from a folder: a run's summary.json, or, for a sweep point (DIR/KEY=VALUE holding
/// seed-N/ runs), each figure's mean over its seeds.</summary>
internal static class PointSummary
{
    public static FlatSummary? Read(string folder, out string problem)
    {
        var seeds = Directory.Exists(folder) && !File.Exists(Path.Combine(folder, RunFiles.SummaryFile))
            ? Directory.GetDirectories(folder, "seed-*").Where(d => File.Exists(Path.Combine(d, RunFiles.SummaryFile)))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        if (seeds.Count == 0) return FlatSummary.Read(folder, out problem);
        var runs = new List<FlatSummary>();
        foreach (var seed in seeds)
        {
            if (FlatSummary.Read(seed, out problem) is not { } run) return null;
            runs.Add(run);
        }
        problem = "";
        var keys = new List<string>();
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var run in runs)
            foreach (var (key, value) in run.Numbers)
            {
                if (key == "seed") continue;
                if (!sums.ContainsKey(key)) keys.Add(key);
                sums[key] = sums.GetValueOrDefault(key) + value;
            }
        // A counter a run lacks counted 0 there (as nstat shows it): every mean is over all the seeds.
        var numbers = keys.Select(k => new KeyValuePair<string, double>(k, sums[k] / runs.Count)).ToList();
        var text = runs[0].Text.Append(new KeyValuePair<string, string>("seeds", string.Join(' ',
            seeds.Select(s => Path.GetFileName(s)["seed-".Length..])))).ToList();
        text.Add(new("mean_over_seeds", runs.Count.ToString(CultureInfo.InvariantCulture)));
        return FlatSummary.Of(text, numbers);
    }
}
