namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only: a grain with no state, whose first call measures what an activation costs.</summary>
[Alias("TcpSwarm.Bench.IBenchEmptyGrain")]
public interface IBenchEmptyGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task PingAsync();
}
