using System.Text.Json;
using TcpSwarm.Cli.Display;
using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>`validate --silos N` prints where each host would run and each partition's share; a run on more silos
/// than it has units names the idle ones in run.json and its summary line.</summary>
public sealed class PlacementValidateTests
{
    [Fact]
    public async Task Validate_prints_each_partitions_units_and_share_on_two_silos()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("four-servers.yaml"), "--silos", "2");

        Assert.Equal(0, result.Code);
        Assert.Contains(result.OutLines, l => l.StartsWith("  placement   on 2 silos", StringComparison.Ordinal));
        Assert.Contains("    partition 0   50.0%  web1: server web1, clients1 (64 hosts); web3: server web3, "
                        + "clients3 (64 hosts)", result.OutLines);
        Assert.Contains("    partition 1   50.0%  web2: server web2, clients2 (64 hosts); web4: server web4, "
                        + "clients4 (64 hosts)", result.OutLines);
    }

    [Fact]
    public async Task Validate_on_one_silo_places_everything_there()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("hot-server.yaml"), "--silos", "1");

        Assert.Equal(0, result.Code);
        Assert.Contains("    partition 0  100.0%  web: server web, browsers (256 hosts)", result.OutLines);
    }

    [Fact]
    public async Task Validate_shows_a_hot_server_split_its_clients_filling_the_partitions_evenly()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("hot-server.yaml"), "--silos", "3");

        Assert.Equal(0, result.Code);
        Assert.Contains(result.OutLines, l => l.StartsWith("    partition 0", StringComparison.Ordinal)
                                              && l.EndsWith("web (split): server web, browsers (33 of 256 hosts)",
                                                  StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("    partition 1", StringComparison.Ordinal)
                                              && l.EndsWith("web (split): browsers (112 of 256 hosts)",
                                                  StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("    partition 2", StringComparison.Ordinal)
                                              && l.EndsWith("web (split): browsers (111 of 256 hosts)",
                                                  StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_silos_than_units_is_no_error_and_the_idle_ones_are_named()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("syn-flood.yaml"), "--silos", "3");

        Assert.Equal(0, result.Code);
        Assert.Contains("    partition 1    0.0%  idle: no unit to run", result.OutLines);
        Assert.Contains(result.OutLines, l => l.StartsWith("  idle        partitions 1, 2:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1025")]
    [InlineData("two")]
    [InlineData("-1")]
    public async Task A_silo_count_out_of_range_is_refused_with_exit_2(string silos)
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("four-servers.yaml"), "--silos", silos);

        Assert.Equal(2, result.Code);
        Assert.Contains($"silos: '{silos}' is not allowed; use a whole number of silos, 1 to 1024", result.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_million_is_estimated_to_hold_a_million_connections_and_fit_two_silos()
    {
        var result = await Tcpswarm.RunRefusing("validate", Repo.Load("two-million.yaml"), "--silos", "2");

        Assert.Equal(0, result.Code);
        Assert.Contains(result.OutLines, l => l.StartsWith("  memory", StringComparison.Ordinal)
                                              && l.Contains("(1,000,000 open connections", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("    partition 0   50.0%  left: server left, left-clients "
                                                           + "(1024 hosts)", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.StartsWith("    partition 1   50.0%  right: server right, "
                                                           + "right-clients (1024 hosts)", StringComparison.Ordinal));
    }

    [Fact]
    public void Idle_silos_are_in_run_json_and_the_summary_line()
    {
        var report = Summaries.Report(RunStatus.Completed) with
        {
            Silos = 3,
            Cluster = new ClusterReport(["127.0.0.1:11111@1", "127.0.0.1:11112@1", "127.0.0.1:11113@1"], 0, 0, 0, 0,
                null, null)
            { IdleSilos = ["127.0.0.1:11112@1", "127.0.0.1:11113@1"] },
        };

        using var json = JsonDocument.Parse(RunFiles.RunJson(RunDocument.Of(report, DateTimeOffset.UnixEpoch, [],
            MachineDocument.Current())));
        Assert.Equal(["127.0.0.1:11112@1", "127.0.0.1:11113@1"], json.RootElement.GetProperty("cluster")
            .GetProperty("idle_silos").EnumerateArray().Select(e => e.GetString()));
        Assert.EndsWith("on 3 silos (2 idle, no unit to run there: 127.0.0.1:11112@1, 127.0.0.1:11113@1)",
            SummaryTables.Headline(report), StringComparison.Ordinal);
    }
}
