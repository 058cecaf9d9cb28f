using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Sweep;

/// <summary>A sweep checked before anything runs: every point's scenario loaded (each problem located, a --set key
/// varied by --vary named at --vary), and how many runs may go at once within the machine's memory.</summary>
internal sealed record SweepPlan(SweepGrid Grid, IReadOnlyList<Scenario> Scenarios, int Parallel)
{
    public static SweepPlan? Make(string path, ScenarioOverrides overrides, SweepGrid grid, int? parallel,
        long memoryLimit, List<ScenarioProblem> problems)
    {
        var scenarios = new List<Scenario>();
        var memory = new List<long>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var point in grid.Points)
        {
            var sets = overrides.Sets.Concat(point.Set).ToList();
            var loaded = ScenarioLoader.Load(path, overrides with { Sets = sets, Seed = point.Seed }, memoryLimit);
            foreach (var p in loaded.Problems)
            {
                var problem = p.File == "--set" && grid.Keys.Contains(p.Field)
                    ? p with { File = "--vary" }
                    : p;
                if (seen.Add(problem.ToString())) problems.Add(problem);
            }
            if (loaded.Scenario is { } s)
            {
                scenarios.Add(s);
                memory.Add(loaded.Memory?.Bytes ?? 0);
            }
        }
        if (problems.Count > 0) return null;

        // Runs at once: as many as asked (or one per core), while the largest that many estimates fit together.
        int wanted = Math.Clamp(parallel ?? Environment.ProcessorCount, 1, grid.Points.Count);
        var largest = memory.OrderDescending().ToList();
        int fits = wanted;
        while (fits > 1 && largest.Take(fits).Sum() > memoryLimit) fits--;
        if (parallel is not null && fits < wanted)
        {
            const double MiB = 1 << 20;
            problems.Add(new ScenarioProblem("--parallel", 0, 0, "parallel",
                $"{wanted} runs at once would need about {largest.Take(wanted).Sum() / MiB:N0} MiB, more than the "
                + $"{memoryLimit / MiB:N0} MiB available; use at most {fits}"));
            return null;
        }
        return new SweepPlan(grid, scenarios, fits);
    }
}
