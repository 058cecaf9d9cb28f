using System.Globalization;
using System.Text;

namespace TcpSwarm.Cli.Tests;

/// <summary>Seeded mutations of every shipped scenario through `tcpswarm validate`: in the process (hundreds) and as
/// the real program (a few dozen), each exits 0 or 2 with no stack trace and no raw control character, never 1 or a
/// crash. load/fuzz.sh runs thousands (TCPSWARM_FUZZ_VARIANTS, TCPSWARM_FUZZ_PROCESSES, TCPSWARM_FUZZ_SEED).</summary>
public sealed class MutationFuzzTests
{
    private static readonly string[] LoadFiles =
        [.. Directory.GetFiles(Repo.LoadDir, "*.yaml").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_mutation_validated_in_the_process_exits_0_or_2_with_no_stack_trace()
    {
        using var dir = new TempFolder();
        int variants = Setting("TCPSWARM_FUZZ_VARIANTS", 200), first = Setting("TCPSWARM_FUZZ_SEED", 1);
        var codes = new HashSet<int>();
        for (int seed = first; seed < first + variants; seed++)
        {
            var (path, args) = Variant(dir, seed);
            var result = await Tcpswarm.RunRefusing(["validate", path, .. args]);
            var context = $"seed {seed}, {string.Join(' ', args)}: exit {result.Code}\n{result.Error}";
            Assert.True(result.Code is ExitCodes.Done or ExitCodes.BadInput, context);
            result.AssertNoStackTrace();
            Assert.DoesNotContain(result.Out + result.Error, c => char.IsControl(c) && c != '\n');
            codes.Add(result.Code);
        }
        Assert.Equal([ExitCodes.Done, ExitCodes.BadInput], codes.Order());
    }

    [Fact]
    public async Task Every_mutation_validated_by_the_real_program_exits_0_or_2()
    {
        using var dir = new TempFolder();
        int variants = Setting("TCPSWARM_FUZZ_PROCESSES", 24), first = Setting("TCPSWARM_FUZZ_SEED", 1);
        for (int seed = first; seed < first + variants; seed++)
        {
            var (path, args) = Variant(dir, 1_000_000 + seed);
            var (code, output, error) = await RealProcess.Run(["validate", path, .. args]);
            var context = $"seed {1_000_000 + seed}, {string.Join(' ', args)}: exit {code}\n{error}";
            Assert.True(code is ExitCodes.Done or ExitCodes.BadInput, context);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain(output + error, c => char.IsControl(c) && c != '\n');
        }
    }

    // A mutated copy of one shipped scenario, written where it can be validated, and its --set options.
    private static (string Path, List<string> Args) Variant(TempFolder dir, int seed)
    {
        var original = LoadFiles[seed % LoadFiles.Length];
        var mutator = new ScenarioMutator(seed);
        var path = dir.File($"{Path.GetFileNameWithoutExtension(original)}-{seed}.yaml");
        // Encoding.UTF8 writes a lone surrogate as U+FFFD; every seventh variant also gets bytes that are no UTF-8.
        var bytes = Encoding.UTF8.GetBytes(mutator.Mutate(File.ReadAllText(original))).ToList();
        if (seed % 7 == 0) bytes.InsertRange(seed % (bytes.Count + 1), [0xFF, 0xC3, 0x00, 0x80]);
        File.WriteAllBytes(path, [.. bytes]);
        var args = new List<string>();
        foreach (var (key, value) in mutator.Sets()) args.AddRange(["--set", key + "=" + value]);
        return (path, args);
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture,
            out var value) ? value : fallback;
}
