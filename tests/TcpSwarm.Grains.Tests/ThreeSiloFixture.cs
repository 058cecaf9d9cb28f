using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TcpSwarm.Silo;

namespace TcpSwarm.Grains.Tests;

/// <summary>A real three-silo Orleans cluster in this process: the silos are separate, so every arrival between
/// partitions is serialized and crosses a silo-to-silo connection.</summary>
public sealed class ThreeSiloFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddTcpSwarm());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The silos' addresses in a fixed order, as a run's setup names them.</summary>
    public string[] Silos =>
        [.. Cluster.GetActiveSilos().Select(s => s.SiloAddress.ToParsableString()).Order(StringComparer.Ordinal)];

    /// <summary>The grain factory of one silo, for starting runs from inside the cluster.</summary>
    public IGrainFactory Grains => Cluster.GetActiveSilos().First().ServiceProvider.GetRequiredService<IGrainFactory>();
}

[CollectionDefinition(nameof(ThreeSiloCollection))]
public sealed class ThreeSiloCollection : ICollectionFixture<ThreeSiloFixture>;
