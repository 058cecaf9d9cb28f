using System.Globalization;

namespace TcpSwarm.Scenarios.Tests;

/// <summary>Hundreds of seeded mutations of every shipped scenario (and of a real sysctl file) load to a scenario or
/// to located problems, never to an exception. load/fuzz.sh runs thousands with other seeds: TCPSWARM_FUZZ_VARIANTS
/// and TCPSWARM_FUZZ_SEED set how many and from where.</summary>
public sealed class MutationFuzzTests
{
    private const string SysctlLabel = "fuzz.sysctl";

    [Theory]
    [MemberData(nameof(Repo.LoadFiles), MemberType = typeof(Repo))]
    public void Every_mutation_of_a_shipped_scenario_loads_or_is_refused_as_located_problems(string file)
    {
        var original = File.ReadAllText(Path.Combine(Repo.LoadDir, file));
        var sysctl = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SysctlFiles", "linux-6.18-netns.sysctl"));
        int variants = Setting("TCPSWARM_FUZZ_VARIANTS", 100), first = Setting("TCPSWARM_FUZZ_SEED", 1);
        int valid = 0;
        for (int seed = first; seed < first + variants; seed++)
        {
            var mutator = new ScenarioMutator(seed * 31 + file.Length * 7 + file[0]);   // not HashCode: per process
            var text = mutator.Mutate(original);
            var overrides = new ScenarioOverrides { Sets = mutator.Sets() };
            if (seed % 5 == 0)
                overrides = overrides with
                {
                    SysctlFile = SysctlLabel,
                    Files = new Dictionary<string, string> { [SysctlLabel] = mutator.Mutate(sysctl) },
                };
            ScenarioLoadResult result;
            try
            {
                result = ScenarioLoader.LoadFromText(file, text, overrides, ShippedScenarios.MemoryFor(file));
            }
            catch (Exception e)
            {
                Assert.Fail($"{file}, seed {seed}: {e}\n--- variant ---\n{Shorten(text)}\n--- sets: "
                            + string.Join(" ", overrides.Sets.Select(s => s.Key + "=" + s.Value)));
                return;
            }
            AssertLocated(file, seed, result);
            if (result.IsValid) valid++;
        }
        // Both ends are reached: some mutations leave a valid scenario (a comment, a value still in range), most
        // not (checked when there are enough to tell; one seed is rerun alone to see its failure again).
        if (variants >= 50) Assert.InRange(valid, 1, variants - 1);
    }

    /// <summary>A scenario or problems, never both; each problem names where (a line in the file or a sysctl file,
    /// or an option), its field and a message with no control character and no exception's name.</summary>
    internal static void AssertLocated(string file, int seed, ScenarioLoadResult result)
    {
        var context = $"{file}, seed {seed}: " + string.Join("\n", result.Problems);
        Assert.True((result.Scenario is null) != (result.Problems.Count == 0), context);
        foreach (var p in result.Problems)
        {
            bool inOption = p.File is "--set" or "--seed" or "--speed" or "--sysctl-file";
            Assert.True(inOption ? p.Line == 0 : p.Line >= 1 && p.Column >= 1 || p.Field == "file", context);
            Assert.False(string.IsNullOrWhiteSpace(p.Field), context);
            Assert.False(string.IsNullOrWhiteSpace(p.Message), context);
            Assert.DoesNotContain(p.ToString(), char.IsControl);
            Assert.DoesNotContain("Exception", p.Message, StringComparison.Ordinal);
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture,
            out var value) ? value : fallback;

    private static string Shorten(string text) => text.Length <= 4000 ? text : text[..4000] + "...";
}
