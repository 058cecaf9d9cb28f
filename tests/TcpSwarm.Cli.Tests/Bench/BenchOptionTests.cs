namespace TcpSwarm.Cli.Tests.Bench;

/// <summary>`tcpswarm bench`'s options: a mistake is refused with exit 2 before anything runs.</summary>
public sealed class BenchOptionTests
{
    [Fact]
    public async Task An_unknown_part_is_refused_naming_the_parts_there_are()
    {
        var result = await Tcpswarm.RunWithoutEngine("bench", "--quick", "--only", "tables", "churns");

        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Out);
        Assert.Equal("error: --only: churns is not a part of the bench; use ramp, baseline, churn, flood, "
                     + "syn_flood_yaml, tables; nothing was run\n", result.Error);
    }

    [Fact]
    public async Task A_json_file_that_cannot_be_written_is_refused_before_the_bench_runs()
    {
        using var temp = new TempFolder();
        var blocked = temp.File("a-file");
        File.WriteAllText(blocked, "");

        var result = await Tcpswarm.RunWithoutEngine("bench", "--quick", "--json", Path.Combine(blocked, "x.json"));

        Assert.Equal(2, result.Code);
        Assert.StartsWith($"error: --json: cannot write '{Path.Combine(blocked, "x.json")}': ", result.Error,
            StringComparison.Ordinal);
        Assert.EndsWith("; nothing was run\n", result.Error, StringComparison.Ordinal);
    }
}
