using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>One partition's leg, from its silo to the run's clock.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.PartitionLeg")]
public readonly record struct PartitionLegSurrogate(
    [property: Id(0)] bool Reached, [property: Id(1)] long Events, [property: Id(2)] long Windows,
    [property: Id(3)] long Waits, [property: Id(4)] long[] SentArrivals, [property: Id(5)] long[] ReceivedArrivals,
    [property: Id(6)] long Messages, [property: Id(7)] long Bytes, [property: Id(8)] int PeakMessages,
    [property: Id(9)] long PeakBytes, [property: Id(10)] double RunSeconds, [property: Id(11)] double WaitSeconds);

/// <summary>Converts a <see cref="PartitionLeg"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class PartitionLegConverter : IConverter<PartitionLeg, PartitionLegSurrogate>
{
    public PartitionLeg ConvertFromSurrogate(in PartitionLegSurrogate s) =>
        new(s.Reached, s.Events, s.Windows, s.Waits, s.SentArrivals, s.ReceivedArrivals, s.Messages, s.Bytes,
            s.PeakMessages, s.PeakBytes)
        { RunSeconds = s.RunSeconds, WaitSeconds = s.WaitSeconds };

    public PartitionLegSurrogate ConvertToSurrogate(in PartitionLeg l) =>
        new(l.Reached, l.Events, l.Windows, l.Waits, l.SentArrivals, l.ReceivedArrivals, l.Messages, l.Bytes,
            l.PeakMessages, l.PeakBytes, l.RunSeconds, l.WaitSeconds);
}

/// <summary>One partition's part of a sample, from its silo to the run's clock.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.PartitionSample")]
public readonly record struct PartitionSampleSurrogate(
    [property: Id(0)] HostSample[] Hosts, [property: Id(1)] long[] SpoofedSyns, [property: Id(2)] long[] Lost,
    [property: Id(3)] long[] ReceivedArrivals);

/// <summary>Converts a <see cref="PartitionSample"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class PartitionSampleConverter : IConverter<PartitionSample, PartitionSampleSurrogate>
{
    public PartitionSample ConvertFromSurrogate(in PartitionSampleSurrogate s)
    {
        var attackers = new (long SpoofedSyns, long Lost)[s.SpoofedSyns.Length];
        for (int i = 0; i < attackers.Length; i++) attackers[i] = (s.SpoofedSyns[i], s.Lost[i]);
        return new PartitionSample(s.Hosts, attackers, s.ReceivedArrivals);
    }

    public PartitionSampleSurrogate ConvertToSurrogate(in PartitionSample p) =>
        new([.. p.Hosts], [.. p.Attackers.Select(a => a.SpoofedSyns)], [.. p.Attackers.Select(a => a.Lost)],
            p.ReceivedArrivals);
}

/// <summary>The whole run at a sampling instant, from the run's clock to the process that started the run.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.RunSample")]
public readonly record struct RunSampleSurrogate(
    [property: Id(0)] Instant VirtualTime, [property: Id(1)] HostSample[] Hosts, [property: Id(2)] long Windows,
    [property: Id(3)] long Events, [property: Id(4)] long[] SpoofedSyns, [property: Id(5)] long[] Lost);

/// <summary>Converts a <see cref="RunSample"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class RunSampleConverter : IConverter<RunSample, RunSampleSurrogate>
{
    public RunSample ConvertFromSurrogate(in RunSampleSurrogate s)
    {
        var attackers = new (long SpoofedSyns, long Lost)[s.SpoofedSyns.Length];
        for (int i = 0; i < attackers.Length; i++) attackers[i] = (s.SpoofedSyns[i], s.Lost[i]);
        return new RunSample(s.VirtualTime - Instant.Zero, s.Hosts, s.Windows, s.Events, attackers);
    }

    public RunSampleSurrogate ConvertToSurrogate(in RunSample r) =>
        new(Instant.Zero + r.VirtualTime, [.. r.Hosts], r.Windows, r.Events,
            [.. r.Attackers.Select(a => a.SpoofedSyns)], [.. r.Attackers.Select(a => a.Lost)]);
}
