namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only: a ring member that holds nothing but the way to its successor and the tally.</summary>
public sealed class BenchRingGrain : Grain, IBenchRingGrain
{
    private IBenchRingGrain? _next;
    private IBenchTallyGrain? _tally;

    public Task JoinAsync(long nextKey, long tallyKey)
    {
        _next = GrainFactory.GetGrain<IBenchRingGrain>(nextKey);
        _tally = GrainFactory.GetGrain<IBenchTallyGrain>(tallyKey);
        return Task.CompletedTask;
    }

    // A one-way call returns at once; nothing here waits for the next grain.
    public Task PassAsync(int hopsLeft) => hopsLeft > 0 ? _next!.PassAsync(hopsLeft - 1) : _tally!.TokenDoneAsync();
}
