using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Grains.Wire;

/// <summary>Attempts' outcome buckets, between silos.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.Outcomes")]
public readonly record struct OutcomesSurrogate(
    [property: Id(0)] long Completed, [property: Id(1)] long Refused, [property: Id(2)] long Reset,
    [property: Id(3)] long TimedOut, [property: Id(4)] long PortExhausted, [property: Id(5)] long Open);

/// <summary>Converts <see cref="Outcomes"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class OutcomesConverter : IConverter<Outcomes, OutcomesSurrogate>
{
    public Outcomes ConvertFromSurrogate(in OutcomesSurrogate s) =>
        new(s.Completed, s.Refused, s.Reset, s.TimedOut, s.PortExhausted, s.Open);

    public OutcomesSurrogate ConvertToSurrogate(in Outcomes o) =>
        new(o.Completed, o.Refused, o.Reset, o.TimedOut, o.PortExhausted, o.Open);
}
