using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains.Wire;

/// <summary>One listener's queues and counters at a sampling instant, between silos.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.ListenerSample")]
public readonly record struct ListenerSampleSurrogate(
    [property: Id(0)] int Server, [property: Id(1)] int Shard, [property: Id(2)] int SynQueue,
    [property: Id(3)] int SynQueueLimit, [property: Id(4)] int AcceptQueue, [property: Id(5)] int AcceptQueueLimit,
    [property: Id(6)] long Admitted, [property: Id(7)] long Accepted, [property: Id(8)] long[] Counters);

/// <summary>Converts a <see cref="ListenerSample"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class ListenerSampleConverter : IConverter<ListenerSample, ListenerSampleSurrogate>
{
    public ListenerSample ConvertFromSurrogate(in ListenerSampleSurrogate s) => new(s.Server, s.Shard, s.SynQueue,
        s.SynQueueLimit, s.AcceptQueue, s.AcceptQueueLimit, s.Admitted, s.Accepted, s.Counters);

    public ListenerSampleSurrogate ConvertToSurrogate(in ListenerSample l) => new(l.Server, l.Shard, l.SynQueue,
        l.SynQueueLimit, l.AcceptQueue, l.AcceptQueueLimit, l.Admitted, l.Accepted, l.Counters);
}
