namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only (`tcpswarm bench`): one grain of a ring that passes tokens on by one-way calls, the Orleans
/// baseline TcpSwarm's own message rates are held against.</summary>
[Alias("TcpSwarm.Bench.IBenchRingGrain")]
public interface IBenchRingGrain : IGrainWithIntegerKey
{
    /// <summary>Activates this grain and tells it its successor: the grain at <paramref name="nextKey"/>, and the
    /// tally that hears of each token's last hop.</summary>
    [Alias("Join")]
    Task JoinAsync(long nextKey, long tallyKey);

    /// <summary>A token with <paramref name="hopsLeft"/> more hops to go: passed on, or reported done at 0.</summary>
    [Alias("Pass"), OneWay]
    Task PassAsync(int hopsLeft);
}
