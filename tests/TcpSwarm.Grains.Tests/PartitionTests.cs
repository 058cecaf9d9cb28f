using System.Text.Json;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>Spreading a run's hosts over partitions (one per silo) changes no result: the same summary and the same
/// time series, byte for byte, with every arrival between partitions accounted for by the barrier.</summary>
public sealed class PartitionTests
{
    private static Task<(string Summary, byte[] Series, RunClock Clock)> Run(Scenario scenario, int partitions) =>
        Run(scenario, PartitionMap.For(scenario, partitions));

    private static async Task<(string Summary, byte[] Series, RunClock Clock)> Run(Scenario scenario,
        PartitionMap map)
    {
        var cluster = new LocalCluster(scenario, map);
        var samples = await cluster.Clock.RunAsync(null, TestContext.Current.CancellationToken);
        var summary = JsonSerializer.Serialize(RunSummaryBuilder.Build(scenario, samples));
        var table = TimeSeriesTable.Of(scenario, TimeSeriesBuilder.Build(scenario, samples));
        return (summary, TimeSeriesJson.Write(TimeSeriesHeader.Of(scenario), table), cluster.Clock);
    }

    [Theory]
    [InlineData("quickstart.yaml")]
    [InlineData("syn-flood.yaml")]
    [InlineData("tw-reuse.yaml")]
    public async Task Three_partitions_give_byte_for_byte_the_summary_and_time_series_of_one(string file)
    {
        var scenario = Scenarios.FromFile(file) with { Duration = TimeSpan.FromSeconds(8) };
        var one = await Run(scenario, 1);
        var three = await Run(scenario, PartitionMap.Dealt(scenario, 3));      // hosts dealt: most segments cross
        var placed = await Run(scenario, 3);
        Assert.Equal(one.Summary, placed.Summary);
        Assert.Equal(one.Series, placed.Series);
        Assert.Equal(one.Summary, three.Summary);
        Assert.Equal(one.Series, three.Series);
        Assert.Equal(0, one.Clock.ExchangeMessages);
        Assert.True(three.Clock.ExchangeMessages > 0, "the hosts of three partitions exchanged nothing");
        // A partition runs the windows with events of its own: together, the one partition's windows, some twice.
        Assert.InRange(three.Clock.Windows, one.Clock.Windows, 3 * one.Clock.Windows);
        Assert.Equal(one.Clock.Events, three.Clock.Events);
    }

    [Fact]
    public async Task Flows_kept_in_order_on_a_jittered_path_give_the_same_results_on_one_three_and_seven()
    {
        var scenario = Scenarios.FromFile("quickstart.yaml") with { Duration = TimeSpan.FromSeconds(8) };
        var one = await Run(scenario, 1);
        foreach (int partitions in new[] { 3, 7 })
        {
            var many = await Run(scenario, PartitionMap.Dealt(scenario, partitions));
            Assert.Equal(one.Summary, many.Summary);
            Assert.Equal(one.Series, many.Series);
        }
        Assert.DoesNotContain("PAWSEstab", one.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flood_and_its_clients_on_seven_partitions_still_match_one()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var one = await Run(scenario, 1);
        var seven = await Run(scenario, PartitionMap.Dealt(scenario, 7)); // more partitions than some have hosts for
        Assert.Equal(one.Summary, seven.Summary);
        Assert.Equal(one.Series, seven.Series);
    }

    [Theory]
    [InlineData("four-servers.yaml")]
    [InlineData("hot-server.yaml")]
    public async Task Placed_by_traffic_two_and_three_partitions_give_byte_for_byte_the_results_of_one(string file)
    {
        var scenario = Scenarios.FromFile(file) with { Duration = TimeSpan.FromSeconds(2) };
        var one = await Run(scenario, 1);
        foreach (int partitions in new[] { 2, 3 })
        {
            var many = await Run(scenario, partitions);
            Assert.Equal(one.Summary, many.Summary);
            Assert.Equal(one.Series, many.Series);
            Assert.Equal(one.Clock.Events, many.Clock.Events);
            // Four independent units never cross; most of the hot server's clients are placed away from it.
            if (file == "four-servers.yaml") Assert.Equal(0, many.Clock.ExchangeMessages);
            else Assert.True(many.Clock.ExchangeMessages > 0, "the split hot server's segments did not cross");
        }
    }

    [Theory]
    [InlineData("four-servers.yaml", 2)]
    [InlineData("four-servers.yaml", 3)]
    [InlineData("syn-flood.yaml", 2)]
    [InlineData("syn-flood.yaml", 3)]
    public async Task A_partition_no_path_reaches_never_waits_for_a_peer(string file, int partitions)
    {
        var scenario = Scenarios.FromFile(file) with { Duration = TimeSpan.FromSeconds(2) };
        var map = PartitionMap.For(scenario, partitions);
        var paths = CrossingPaths.Of(scenario, map);
        for (int p = 0; p < partitions; p++) Assert.Empty(paths.Inbound[p]);
        var many = await Run(scenario, map);
        Assert.Equal(0, many.Clock.Waits);
        Assert.Equal(0, many.Clock.ExchangeMessages);
        Assert.True(many.Clock.Windows > 0, "nothing ran");
    }

    [Fact]
    public async Task Only_partitions_a_path_reaches_wait_and_only_for_the_peers_it_comes_from()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var map = PartitionMap.Dealt(scenario, 7);                // more partitions than hosts: some stand idle
        var paths = CrossingPaths.Of(scenario, map);
        var one = await Run(scenario, 1);
        var seven = await Run(scenario, map);
        Assert.Equal(one.Summary, seven.Summary);
        Assert.Contains(Enumerable.Range(0, 7), p => paths.Inbound[p].Count == 0);
        for (int p = 0; p < 7; p++)
        {
            if (paths.Inbound[p].Count == 0) Assert.Equal(0, seven.Clock.PartitionWaits[p]);
            foreach (int q in paths.Inbound[p])                  // a pair's lookahead is a path's floor, never less
                Assert.True(paths.Lookahead(q, p) >= scenario.Lookahead, $"{q}->{p} shorter than the lookahead");
        }
        Assert.True(seven.Clock.Waits > 0, "partitions that exchange segments never waited for each other");
    }

    [Fact]
    public async Task The_clients_beside_a_split_server_run_the_windows_its_border_waits_for_a_peer_to_allow()
    {
        var scenario = Scenarios.FromFile("hot-server.yaml") with { Duration = TimeSpan.FromSeconds(2) };
        var map = PartitionMap.For(scenario, 2);
        var paths = CrossingPaths.Of(scenario, map);
        uint server = scenario.Servers[0].Address;
        var beside = map.HostsOf(0).Where(h => h != server).ToList();
        Assert.Equal(0, map.Of(server));
        Assert.True(paths.IsBorder(server), "the split server hears from the other partition");
        Assert.NotEmpty(beside);
        Assert.All(beside, h => Assert.False(paths.IsBorder(h), $"{Ipv4.Format(h)} beside its server crosses"));
        Assert.All(map.HostsOf(1), h => Assert.True(paths.IsBorder(h), $"{Ipv4.Format(h)} away from it does not"));

        // Partition 0 alone; partition 1's promises come only when the test delivers them.
        var network = new Network(scenario);
        var partition = new HostPartition(scenario, network, map, 0);
        var hosts = new LocalHosts(scenario, network, map.HostsOf(0));
        var ran = new List<(HostTrack Track, long EndMs)>();
        async Task<PartitionStep> RunWhileItCan()
        {
            var step = partition.Next(Instant.FromSeconds(1));
            for (; step.Kind == PartitionStepKind.Window; step = partition.Next(Instant.FromSeconds(1)))
            {
                var batches = partition.BeginWindow(step);
                if (batches.Count > 0) await hosts.RunWindowAsync(batches, step.WindowEnd);
                partition.CollectOutputs();
                ran.Add((step.Track, step.WindowEnd.Milliseconds));
            }
            return step;
        }

        // Partition 1 has promised nothing: its first segments may land at 10 ms. The clients beside the server
        // connect at once, and the server's first SYN lands in [10, 20) ms, where the border must wait; the inner
        // clients run that window all the same (what the server sends lands at 20 ms or later).
        Assert.Equal(PartitionStepKind.Wait, (await RunWhileItCan()).Kind);
        Assert.Equal([(HostTrack.Inner, 10), (HostTrack.Inner, 20)], ran);
        ran.Clear();
        partition.Deliver(1, [], Instant.FromMilliseconds(10));  // partition 1 has run [0, 10) ms
        Assert.Equal(PartitionStepKind.Wait, (await RunWhileItCan()).Kind);
        Assert.Equal([(HostTrack.Border, 20), (HostTrack.Inner, 30)], ran);
        // What partition 0 promised after its border ran [10, 20): nothing before 20 ms, so partition 1 may run
        // [20, 30) though the inner clients had not yet run theirs.
        Assert.True(partition.Through >= Instant.FromMilliseconds(20), $"promised only {partition.Through}");
    }
}
