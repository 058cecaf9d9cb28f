using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Grains.Tests;

/// <summary>Small scenarios for the grain tests, loaded through the real loader.</summary>
public static class Scenarios
{
    public const string Mix = """
        # What do a few clients see while a small flood hits their server?
        seed: 7
        duration: 6s
        sample_interval: 500ms
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 64, response: { bytes: 3000 } }
        clients:
          - name: browsers
            addresses: 10.0.0.0/30
            target: web
            arrivals: { poisson: 150/s }
            session: { request: 300B, closes: client }
            stop: 4s
        attackers:
          - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 400/s, stop: 4s }
        paths:
          - { from: browsers, to: web, latency: { uniform: { min: 4ms, max: 9ms } }, loss: 1% }
          - { from: flood, to: web, latency: { fixed: 5ms } }
        """;

    /// <summary>The mix, busy enough (about 300 events a lookahead window) that placement splits its one unit: most of
    /// its clients go away from its server, so on several silos their segments cross.</summary>
    public const string HotMix = """
        # What do many clients see while a small flood hits their busy server?
        seed: 7
        duration: 2s
        sample_interval: 500ms
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 4096, response: { bytes: 3000 } }
        clients:
          - name: browsers
            addresses: 10.0.0.0/26
            target: web
            arrivals: { poisson: 8000/s }
            session: { request: 300B, closes: client }
        attackers:
          - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 400/s }
        paths:
          - { from: browsers, to: web, latency: { uniform: { min: 4ms, max: 9ms } }, loss: 1% }
          - { from: flood, to: web, latency: { fixed: 5ms } }
        """;

    public static Scenario Load(string yaml, ScenarioOverrides? overrides = null)
    {
        var result = ScenarioLoader.LoadFromText("test.yaml", yaml, overrides);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Scenario!;
    }

    public static Scenario WithSeed(string yaml, ulong seed) => Load(yaml, new ScenarioOverrides { Seed = seed });

    public static Scenario FromFile(string name)
    {
        var result = ScenarioLoader.Load(Repo.Load(name));
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Scenario!;
    }
}
