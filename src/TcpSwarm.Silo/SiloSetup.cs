using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using TcpSwarm.Grains;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Silo;

/// <summary>What every TcpSwarm silo needs, however it is hosted: the run registry, placement by the run's map, the
/// wall-clock pacing, the TcpSwarm meter fed by this silo's partitions, and no collection mid-run.</summary>
public static class SiloSetup
{
    /// <summary>Longer than any run: an activation collected mid-run would come back empty (docs/architecture.md).
    /// </summary>
    public static readonly TimeSpan CollectionAge = TimeSpan.FromDays(2);

    /// <summary>One call advances a run by a sampling interval; a large scenario may take minutes of wall
    /// time.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(30);

    public static ISiloBuilder AddTcpSwarm(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IScenarioTextReader, ScenarioTextReader>();  // the silo reads YAML, grains never
        silo.Services.AddSingleton<RunRegistry>();
        silo.Services.AddSingleton<ArrivalCodec>();
        silo.Services.AddSingleton<IRunPacing, WallClockPacing>();
        silo.Services.AddMetrics();                       // the TcpSwarm meter, unless the host gave its own (issue 4)
        silo.Services.TryAddSingleton<TcpSwarmMetrics>();
        silo.Services.TryAddSingleton<IPartitionObserver, MeteredPartitions>();
        silo.AddPlacementDirector<RunPlacementStrategy, RunPlacementDirector>();
        silo.AddGrainDirectory(RunDirectory.Name, (_, _) => new RunDirectory());
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = CollectionAge;
            o.EnableActivationSheddingOnMemoryPressure = false;
        });
        return silo;
    }
}
