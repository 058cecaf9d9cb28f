namespace TcpSwarm.Simulation.Results;

/// <summary>One listener's queues against their limits at a snapshot.</summary>
public sealed record ListenerGauge(string Server, int Shard, int SynQueue, int SynQueueLimit, int AcceptQueue,
    int AcceptQueueLimit)
{
    /// <summary>The SYN queue's limit for peers not proven alive (below the limit only with tcp_syncookies 0).
    /// </summary>
    public int SynQueueEffectiveLimit { get; init; } = SynQueueLimit;
}
