namespace TcpSwarm.Grains.Wire;

/// <summary>One --set of the command line: the scenario key and the value it was given.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.ScenarioSet")]
public sealed record ScenarioSet([property: Id(0)] string Key, [property: Id(1)] string Value);
