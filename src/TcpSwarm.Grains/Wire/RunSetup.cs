namespace TcpSwarm.Grains.Wire;

/// <summary>What every silo of a run needs to take part: the run's id, its scenario as text (null when the run is
/// registered on its one silo already, an embedded run), and the silos its partitions live on, in partition order.
/// </summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.RunSetup")]
public sealed record RunSetup([property: Id(0)] string RunId, [property: Id(1)] ScenarioText? Scenario,
    [property: Id(2)] string[] Silos);
