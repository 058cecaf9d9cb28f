namespace TcpSwarm.Cli.Tests;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll`: the exit code the shell sees.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Version_exits_0()
    {
        var (code, output, _) = await Tcpswarm("--version");

        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_scenario_exits_2_from_the_real_process()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Malformed", "port-out-of-range.yaml");

        var (code, output, error) = await Tcpswarm("validate", path);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.EndsWith("1 problem; nothing was started.\n", error, StringComparison.Ordinal);
    }

    // Until RunnerFactory returns the embedded-silo runner; then this becomes a real run of quickstart.yaml.
    [Fact]
    public async Task Run_of_quickstart_on_the_embedded_silo_exits_0_and_its_outcomes_sum_to_its_attempts()
    {
        using var temp = new TempFolder();
        var dir = temp.File("run");
        var (code, output, error) = await Tcpswarm("run", Repo.Load("quickstart.yaml"), "--out", dir);

        Assert.True(code == 0, error);
        Assert.StartsWith("seed 1\n", output, StringComparison.Ordinal);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        long attempts = root.GetProperty("attempts").GetInt64();
        long sum = root.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt64());
        Assert.True(attempts > 500, $"{attempts} attempts");
        Assert.Equal(attempts, sum);
        Assert.Equal("completed", System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")))
            .RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_seed_writes_a_byte_identical_summary_and_another_seed_a_different_one()
    {
        using var temp = new TempFolder();
        var root = temp.Path;
        async Task<byte[]> Run(string name, string seed)
        {
            var dir = Path.Combine(root, name);
            var (code, _, error) = await Tcpswarm("run", Repo.Load("quickstart.yaml"), "--seed", seed, "--out", dir);
            Assert.True(code == 0, error);
            return File.ReadAllBytes(Path.Combine(dir, "summary.json"));
        }
        var first = await Run("a", "5");
        var again = await Run("b", "5");
        var other = await Run("c", "6");
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    private static Task<(int Code, string Out, string Error)> Tcpswarm(params string[] args) => RealProcess.Run(args);
}
