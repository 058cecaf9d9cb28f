using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Wire;

/// <summary>One partition's window, from its silo to the run's clock.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.PartitionWindow")]
public readonly record struct PartitionWindowSurrogate(
    [property: Id(0)] long Events, [property: Id(1)] Instant NextEventAt, [property: Id(2)] long[] SentArrivals,
    [property: Id(3)] long[] ReceivedArrivals, [property: Id(4)] int Messages, [property: Id(5)] long Bytes);

/// <summary>Converts a <see cref="PartitionWindow"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class PartitionWindowConverter : IConverter<PartitionWindow, PartitionWindowSurrogate>
{
    public PartitionWindow ConvertFromSurrogate(in PartitionWindowSurrogate s) =>
        new(s.Events, s.NextEventAt, s.SentArrivals, s.ReceivedArrivals, s.Messages, s.Bytes);

    public PartitionWindowSurrogate ConvertToSurrogate(in PartitionWindow w) =>
        new(w.Events, w.NextEventAt, w.SentArrivals, w.ReceivedArrivals, w.Messages, w.Bytes);
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
