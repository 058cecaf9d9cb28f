using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace TcpSwarm.Grains;

/// <summary>Places a run's grains where the run's partition map says: a clock or partition on the silo its key names,
/// a host and its endpoints on their partition's silo.</summary>
/// <remarks>A grain's silo follows from its key alone, so no directory is needed to find it: activations are not
/// registered in Orleans' grain directory, which saves an entry and a lock per activation (a run may have millions of
/// endpoint grains). The catalog of the silo still keeps one activation per grain id.</remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("TcpSwarm.RunPlacement")]
public sealed class RunPlacementStrategy : PlacementStrategy
{
    public override bool IsUsingGrainDirectory => false;
}

/// <summary>Marks a grain class as placed by <see cref="RunPlacementStrategy"/> and looked up in
/// <see cref="RunDirectory"/>, which keeps nothing.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RunPlacementAttribute() : PlacementAttribute(new RunPlacementStrategy())
{
    public override void Populate(IServiceProvider services, Type grainClass, GrainType grainType,
        Dictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        base.Populate(services, grainClass, grainType, properties);
        properties[WellKnownGrainTypeProperties.GrainDirectory] = RunDirectory.Name;
    }
}

/// <summary>Decides a run grain's silo from its key alone (and the run's map), never from load: the same host is on
/// the same silo for the whole run, and a grain whose silo is gone is not re-created elsewhere with empty state.
/// </summary>
public sealed class RunPlacementDirector(RunRegistry runs) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(
        PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = target.GrainIdentity.Key.ToString()!;
        var silo = GrainKeys.PinnedSilo(key) ?? HostSilo(key);
        var address = SiloAddress.FromParsableString(silo);
        if (Array.IndexOf(context.GetCompatibleSilos(target), address) < 0)
            throw new SiloUnavailableException(
                $"grain {key} belongs on silo {silo}, which is not active: the run cannot go on without it");
        return Task.FromResult(address);
    }

    private string HostSilo(string key)
    {
        var (run, address, _) = GrainKeys.Parse(key);
        if (!runs.TryGet(run, out var context))
            throw new InvalidOperationException($"grain {key}: run {run} is not registered on this silo");
        return context.SiloOf(address);
    }
}
