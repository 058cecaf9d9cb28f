using TcpSwarm.Scenarios;

namespace TcpSwarm.Silo;

/// <summary>A scenario as the user gave it: its file's name, its text and the command line's overrides, which every
/// silo of a cluster reads again exactly so.</summary>
public sealed record ScenarioSource(string FileLabel, string Text, ScenarioOverrides Overrides);
