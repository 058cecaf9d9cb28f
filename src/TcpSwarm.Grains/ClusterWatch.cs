using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains;

/// <summary>Between the clock's calls, checks through membership that every silo of the run is still active, then
/// paces.</summary>
public sealed class ClusterWatch(IClusterMembershipService membership, IReadOnlyList<string> silos,
    IRunObserver pacer) : IRunObserver
{
    private readonly SiloAddress[] _silos = [.. silos.Select(SiloAddress.FromParsableString)];
    private MembershipVersion _checked = MembershipVersion.MinValue;

    public async ValueTask PaceAsync(TimeSpan virtualNow)
    {
        var snapshot = membership.CurrentSnapshot;
        if (snapshot.Version != _checked)
        {
            if (Lost(snapshot) is { } lost) throw new SiloLostException(lost);
            _checked = snapshot.Version;
        }
        await pacer.PaceAsync(virtualNow);
    }

    public void Sampled(RunSample sample) => pacer.Sampled(sample);

    /// <summary>The first silo of the run that membership no longer holds active, asking up to
    /// <paramref name="tries"/> times 200 ms apart for membership to decide after a call failed; null if all stay
    /// active.</summary>
    public async Task<string?> LostSiloAsync(int tries)
    {
        for (int i = 0; ; i++)
        {
            if (Lost(membership.CurrentSnapshot) is { } lost) return lost;
            if (i >= tries) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private string? Lost(ClusterMembershipSnapshot snapshot)
    {
        foreach (var silo in _silos)
            if (snapshot.GetSiloStatus(silo) != SiloStatus.Active) return silo.ToParsableString();
        return null;
    }
}

/// <summary>A silo of the run left the cluster: the run must stop where it is.</summary>
public sealed class SiloLostException(string silo) : Exception($"silo {silo} of the run left the cluster")
{
    public string Silo { get; } = silo;
}
