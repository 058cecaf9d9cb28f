using System.Text.Json;

namespace TcpSwarm.Cli.Tests.Bench;

/// <summary>`tcpswarm bench` as a real child process: it works, and it says so in its table and its JSON. No figure
/// is judged here (speed belongs to the bench itself, not to a test), only that every one was measured.</summary>
public sealed class BenchProcessTests
{
    private static readonly string[] HeadlineKeys =
    [
        "baseline_msgs_per_s", "baseline_activations_per_s", "segments_per_s", "lifecycles_per_s",
        "bytes_per_established_connection", "bytes_per_syn_rcvd_entry", "bytes_per_time_wait_entry",
        "flood_wall_s_per_60_virtual_s",
    ];

    [Fact]
    public async Task Bench_quick_measures_every_figure_and_prints_each_with_its_ratio()
    {
        using var temp = new TempFolder();
        var json = temp.File("bench.json");

        var (code, output, error) = await RealProcess.Run("bench", "--quick", "--json", json);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var root = document.RootElement;
        foreach (var key in HeadlineKeys)
        {
            Assert.True(root.TryGetProperty(key, out var value), $"{key} is missing from the JSON");
            Assert.True(value.ValueKind == JsonValueKind.Number && value.GetDouble() > 0, $"{key} is {value}");
        }
        Assert.Equal(HeadlineKeys, root.EnumerateObject().Take(HeadlineKeys.Length).Select(p => p.Name));
        var machine = root.GetProperty("machine");
        Assert.True(machine.GetProperty("cores").GetInt32() > 0);
        Assert.True(machine.GetProperty("memory_bytes").GetInt64() > 0);
        Assert.StartsWith(".NET", machine.GetProperty("dotnet").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, root.GetProperty("repetitions").GetProperty("baseline_rounds").GetInt32());
        Assert.Empty(root.GetProperty("failures").EnumerateArray());

        foreach (var key in HeadlineKeys[2..]) Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains("one-way msgs/s", output, StringComparison.Ordinal);
        Assert.Contains("activations/s", output, StringComparison.Ordinal);
        foreach (var workload in new[] { "churn", "flood", "syn_flood_yaml", "ramp" })
            Assert.Contains("\n" + workload + " ", output, StringComparison.Ordinal);
        foreach (var verdict in root.GetProperty("targets").EnumerateArray())
            Assert.Contains(verdict.GetProperty("verdict").GetString(), new[] { "met", "missed" });
    }

    [Fact]
    public async Task Full_bench_refuses_a_machine_with_too_little_memory_for_its_ramp_and_runs_nothing()
    {
        var fourGiB = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x100000000" };

        var (code, output, error) = await RealProcess.RunWith(fourGiB, "bench");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("needs 8.0 GiB of memory for its ramp to 1,000,000 ESTABLISHED connections", error,
            StringComparison.Ordinal);
        Assert.Contains("this machine has 4.0 GiB", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
