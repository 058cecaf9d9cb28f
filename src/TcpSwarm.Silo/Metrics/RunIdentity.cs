using System.Globalization;

namespace TcpSwarm.Silo.Metrics;

/// <summary>Which run a process's metrics belong to: resource attributes on every series (and on target_info), so
/// that two runs scraped by one Prometheus are never added up together.</summary>
/// <param name="Scenario">The scenario's name (tcpswarm.scenario).</param>
/// <param name="Seed">Its seed (tcpswarm.seed).</param>
/// <param name="Id">This run's id (tcpswarm.run.id), different for every run, also in run.json.</param>
public sealed record RunIdentity(string Scenario, ulong Seed, string Id)
{
    public const string ScenarioAttribute = "tcpswarm.scenario";
    public const string SeedAttribute = "tcpswarm.seed";
    public const string IdAttribute = "tcpswarm.run.id";

    /// <summary>A new run's identity: scenario, seed, the wall-clock second it starts and a random suffix, so that two
    /// runs of one scenario and seed started in the same second still differ. It names the run, never a result.
    /// </summary>
    public static RunIdentity New(string scenario, ulong seed, DateTimeOffset now) =>
        new(scenario, seed, string.Create(CultureInfo.InvariantCulture,
            $"{scenario}-{seed}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.Next(0x10000):x4}"));

    /// <summary>The resource attributes, by their names.</summary>
    public IEnumerable<KeyValuePair<string, object>> Attributes =>
    [
        new(ScenarioAttribute, Scenario),
        new(SeedAttribute, Seed.ToString(CultureInfo.InvariantCulture)),
        new(IdAttribute, Id),
    ];
}
