using Orleans.GrainDirectory;

namespace TcpSwarm.Grains;

/// <summary>The grain directory of a run's grains, which keeps nothing: their silo follows from the key
/// (<see cref="RunPlacementDirector"/>), so a lookup answers at once that nothing is registered, and placement
/// decides.</summary>
/// <remarks>Orleans looks up a grain it has not placed yet before it places it. In its own distributed directory, the
/// entry of about half the grains lives on another silo, so on a cluster a host's first call to each new endpoint
/// waited for a message to another silo and back, answered by that silo's one busy core, although the endpoint
/// belongs beside the host and was never registered (<see cref="RunPlacementStrategy"/>). Orleans caches the
/// placement, so each grain is looked up here once.</remarks>
public sealed class RunDirectory : IGrainDirectory
{
    /// <summary>The name the silo registers it under, which <see cref="RunPlacementAttribute"/> gives every run grain.
    /// </summary>
    public const string Name = "tcpswarm-run";

    public Task<GrainAddress?> Register(GrainAddress address) => Task.FromResult<GrainAddress?>(address);

    public Task Unregister(GrainAddress address) => Task.CompletedTask;

    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult<GrainAddress?>(null);

    public Task UnregisterSilos(List<SiloAddress> siloAddresses) => Task.CompletedTask;
}
