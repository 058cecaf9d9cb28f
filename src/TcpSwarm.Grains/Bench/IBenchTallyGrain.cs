namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only: counts the ring's tokens that made their last hop, so the bench knows when the ring is done.
/// </summary>
[Alias("TcpSwarm.Bench.IBenchTallyGrain")]
public interface IBenchTallyGrain : IGrainWithIntegerKey
{
    [Alias("TokenDone"), OneWay]
    Task TokenDoneAsync();

    /// <summary>Completes once <paramref name="tokens"/> tokens are done (counted since this grain's activation).
    /// </summary>
    [Alias("Wait")]
    Task WaitAsync(int tokens);
}
