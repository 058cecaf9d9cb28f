namespace TcpSwarm.Grains.Wire;

/// <summary>A file the scenario refers to: the path its loader read, and its text.</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.ScenarioFile")]
public sealed record ScenarioFile([property: Id(0)] string Path, [property: Id(1)] string Text);
