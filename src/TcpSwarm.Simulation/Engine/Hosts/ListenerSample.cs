namespace TcpSwarm.Simulation.Engine;

/// <summary>One listener's queues and counters at a sampling instant.</summary>
public sealed record ListenerSample(int Server, int Shard, int SynQueue, int SynQueueLimit, int AcceptQueue,
    int AcceptQueueLimit, long Admitted, long Accepted, long[] Counters);
