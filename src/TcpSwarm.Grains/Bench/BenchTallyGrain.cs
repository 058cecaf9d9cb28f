namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only: the ring's tally. Reentrant, so the tokens' reports get in while the bench's wait is pending;
/// every turn still runs on the grain's own scheduler, one at a time.</summary>
[Reentrant]
public sealed class BenchTallyGrain : Grain, IBenchTallyGrain
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tokens, _wanted = int.MaxValue;

    public Task TokenDoneAsync()
    {
        if (++_tokens >= _wanted) _done.TrySetResult();
        return Task.CompletedTask;
    }

    public Task WaitAsync(int tokens)
    {
        _wanted = tokens;
        if (_tokens >= tokens) _done.TrySetResult();
        return _done.Task;
    }
}
