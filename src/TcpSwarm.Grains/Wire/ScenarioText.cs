namespace TcpSwarm.Grains.Wire;

/// <summary>A scenario as the user gave it, for silos of another process: its file's label and text, and the command
/// line's overrides. Each silo reads it exactly as the process that started the run did
/// (<see cref="IScenarioTextReader"/>, given by the silo's host).</summary>
[GenerateSerializer, Immutable, Alias("TcpSwarm.ScenarioText")]
public sealed record ScenarioText([property: Id(0)] string FileLabel, [property: Id(1)] string Text)
{
    [Id(2)] public ulong? Seed { get; init; }

    [Id(3)] public string? Speed { get; init; }

    /// <summary>--set, in the order the command line gave them.</summary>
    [Id(4)] public ScenarioSet[] Sets { get; init; } = [];

    /// <summary>--sysctl-file, as the command line gave it.</summary>
    [Id(5)] public string? SysctlFile { get; init; }

    /// <summary>The files the scenario refers to, by path.</summary>
    [Id(6)] public ScenarioFile[] Files { get; init; } = [];
}
