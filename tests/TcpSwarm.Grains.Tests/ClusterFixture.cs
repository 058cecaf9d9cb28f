using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Grains.Tests;

/// <summary>A real single-silo Orleans cluster in this process, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private int _runs;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddTcpSwarm());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private IServiceProvider Silo => Cluster.GetActiveSilos().First().ServiceProvider;

    public IGrainFactory Grains => Silo.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's serializer, as it writes what crosses between silos.</summary>
    public Orleans.Serialization.Serializer Serializer => Silo.GetRequiredService<Orleans.Serialization.Serializer>();

    /// <summary>Runs a scenario on the cluster's grains under a fresh run id (grain keys carry it).</summary>
    public Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress = null) =>
        GrainRun.RunAsync(Grains, Setup(scenario), scenario, progress, CancellationToken.None);

    /// <summary>A run registered on the silo as one partition, and its partitions prepared, for a test that drives
    /// the clock itself.</summary>
    public async Task<(RunSetup Setup, GrainPartitions Partitions, RunClock Clock)> PrepareAsync(Scenario scenario)
    {
        var setup = Setup(scenario);
        var partitions = new GrainPartitions(Grains, setup);
        await partitions.PrepareAsync();
        return (setup, partitions, new RunClock(scenario, partitions));
    }

    /// <summary>The partition grain of a prepared run.</summary>
    public IPartitionGrain Partition(RunSetup setup, int index) =>
        Grains.GetGrain<IPartitionGrain>(GrainKeys.Partition(setup.RunId, index, setup.Silos[index]));

    /// <summary>A fresh run of the scenario registered on the silo as one partition.</summary>
    public RunSetup Setup(Scenario scenario)
    {
        var run = $"t{Interlocked.Increment(ref _runs)}";
        var silos = new[] { Silo.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString() };
        Silo.GetRequiredService<RunRegistry>().Register(run, scenario, silos);
        return new RunSetup(run, null, silos);
    }

    /// <summary>Activations of one run's grains of a class now in the cluster, from Orleans' own management grain.
    /// </summary>
    public async Task<int> ActivationsOf<TGrain>(RunSetup run)
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var stats = await management.GetDetailedGrainStatistics();
        return stats.Count(s => s.GrainType.Contains(typeof(TGrain).Name, StringComparison.Ordinal)
                                && s.GrainId.Key.ToString().StartsWith(run.RunId + "/", StringComparison.Ordinal));
    }

    /// <summary>Activations of a grain class now in the cluster, from Orleans' own management grain.</summary>
    public async Task<int> ActivationsOf<TGrain>()
    {
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        var stats = await management.GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains(typeof(TGrain).Name, StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
    }
}

[CollectionDefinition(nameof(ClusterCollection))]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>;
