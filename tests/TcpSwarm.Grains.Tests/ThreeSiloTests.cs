using Microsoft.Extensions.DependencyInjection;
using Orleans.GrainDirectory;
using Orleans.Metadata;
using System.Text.Json;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Grains.Tests;

/// <summary>A run spread over three real silos: each silo loads the scenario from its text, owns a third of the hosts,
/// and sends each peer at most one message after a window; the results are those of the engine on one partition.
/// </summary>
[Collection(nameof(ThreeSiloCollection))]
public sealed class ThreeSiloTests(ThreeSiloFixture fixture)
{
    [Fact]
    public async Task Three_silos_give_byte_for_byte_the_summary_of_one_partition_and_count_what_crossed()
    {
        var scenario = Scenarios.Load(Scenarios.HotMix);
        Assert.Equal(3, PartitionMap.For(scenario, 3).Plan!.Parts.Count(p => p.Count > 0));   // split over all three
        var local = new LocalCluster(scenario);
        var expected = await local.Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var setup = new RunSetup("three", new ScenarioText("test.yaml", Scenarios.HotMix), fixture.Silos);
        var report = await GrainRun.RunAsync(fixture.Grains, setup, scenario, null,
            TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(3, report.Silos);
        Assert.Equal(JsonSerializer.Serialize(RunSummaryBuilder.Build(scenario, expected)),
            JsonSerializer.Serialize(report.Summary));
        Assert.InRange(report.Windows, local.Clock.Windows, 3 * local.Clock.Windows);
        Assert.Equal(local.Clock.Events, report.Events);
        Assert.True(report.Cluster.Messages > 100, $"{report.Cluster.Messages} messages between silos");
        Assert.True(report.Cluster.Bytes > 50 * report.Cluster.Messages, $"{report.Cluster.Bytes} bytes");
        Assert.True(report.Cluster.PeakWindowMessages <= 2, "more than one message to a peer after a window");
        Assert.True(report.Cluster.WaitsForPeers > 0, "silos whose hosts exchange segments never waited");
    }

    [Fact]
    public async Task Every_grain_of_a_run_is_looked_up_in_the_run_directory_which_keeps_nothing()
    {
        // Orleans looks up a grain before it places it; in its own distributed directory the entry of half the grains
        // lives on another silo, so each lookup would wait for a message there and back (RunDirectory).
        var services = fixture.Cluster.GetActiveSilos().First().ServiceProvider;
        var manifest = services.GetRequiredService<IClusterManifestProvider>().Current;
        var runGrains = manifest.AllGrainManifests.SelectMany(m => m.Grains)
            .Where(g => g.Value.Properties.GetValueOrDefault(WellKnownGrainTypeProperties.PlacementStrategy)
                        == nameof(RunPlacementStrategy))
            .DistinctBy(g => g.Key).ToList();

        Assert.Equal(4, runGrains.Count);                          // the clock, partitions, hosts, endpoints
        Assert.All(runGrains, g => Assert.Equal(RunDirectory.Name,
            g.Value.Properties.GetValueOrDefault(WellKnownGrainTypeProperties.GrainDirectory)));
        var directory =
            Assert.IsType<RunDirectory>(services.GetRequiredKeyedService<IGrainDirectory>(RunDirectory.Name));
        Assert.Null(await directory.Lookup(GrainId.Create(runGrains[0].Key, "run/1")));   // placement decides
    }

    [Fact]
    public async Task A_flooded_server_runs_on_one_silo_and_the_two_idle_ones_are_named()
    {
        const string Flood = """
            seed: 3
            duration: 2s
            servers:
              - { name: web, address: 10.0.1.10, port: 80, backlog: 64 }
            clients:
              - { name: browsers, addresses: 10.0.0.0/31, target: web, arrivals: { poisson: 20/s } }
            attackers:
              - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 2000/s }
            paths:
              - { from: browsers, to: web, latency: { fixed: 5ms } }
              - { from: flood, to: web, latency: { fixed: 5ms } }
            """;
        var scenario = Scenarios.Load(Flood);
        var local = new LocalCluster(scenario);
        var expected = await local.Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var setup = new RunSetup("idle", new ScenarioText("test.yaml", Flood), fixture.Silos);
        var report = await GrainRun.RunAsync(fixture.Grains, setup, scenario, null,
            TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(JsonSerializer.Serialize(RunSummaryBuilder.Build(scenario, expected)),
            JsonSerializer.Serialize(report.Summary));
        Assert.Equal(fixture.Silos[1..], report.Cluster.IdleSilos);
        Assert.Equal(0, report.Cluster.Messages);                  // the one unit's segments never leave its silo
        Assert.Equal(0, report.Cluster.WaitsForPeers);             // and its silo never waits for the idle two
    }
}
