namespace TcpSwarm.Grains.Bench;

/// <summary>Bench only: an empty grain; activating it is all a call to it costs.</summary>
public sealed class BenchEmptyGrain : Grain, IBenchEmptyGrain
{
    public Task PingAsync() => Task.CompletedTask;
}
