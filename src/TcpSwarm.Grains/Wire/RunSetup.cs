namespace TcpSwarm.Grains.Wire;

/// <summary>What every silo of a run needs to take part: the scenario as written and as the command line changed
/// it, and the silos its partitions live on, in partition order.</summary>
/// <remarks>Each silo loads the scenario from the same text with the same overrides, so every silo holds the same
/// validated scenario; an embedded run registers its scenario object directly and sends no text.</remarks>
[GenerateSerializer, Immutable, Alias("TcpSwarm.RunSetup")]
public sealed record RunSetup(
    [property: Id(0)] string RunId, [property: Id(1)] string FileLabel, [property: Id(2)] string? ScenarioText,
    [property: Id(3)] ulong? Seed, [property: Id(4)] string? Speed, [property: Id(5)] string[] SetKeys,
    [property: Id(6)] string[] SetValues, [property: Id(7)] string[] Silos)
{
    /// <summary>--sysctl-file, as the command line gave it.</summary>
    [Id(8)] public string? SysctlFile { get; init; }

    /// <summary>The files the scenario refers to, by the path its loader read, and their text.</summary>
    [Id(9)] public string[] FilePaths { get; init; } = [];

    [Id(10)] public string[] FileTexts { get; init; } = [];
}
