using System.Text.Json;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains.Tests;

/// <summary>An endpoint idle for a while is parked with its host (its grain deactivated, its socket kept) and carries
/// on when its next input comes, with the results of a run that never parks.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class ParkingTests(ClusterFixture fixture)
{
    // Each connection thinks 12 s before its request: idle past ParkAfter (2 s) at sampling instants, then busy.
    private const string Thinkers = """
        # Do connections that sit idle, then talk, see the same as if nothing had been parked?
        seed: 21
        duration: 30s
        sample_interval: 1s
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 128, response: { bytes: 2000, delay: 3s } }
        clients:
          - name: thinkers
            addresses: 10.0.0.0/29
            target: web
            arrivals: { constant: 20/s }
            session: { request: 300B, think: 12s, requests: 1, closes: client }
            stop: 4s
        paths:
          - { from: thinkers, to: web, latency: { uniform: { min: 3ms, max: 8ms } }, loss: 1% }
        """;

    [Fact]
    public async Task Idle_endpoints_are_parked_and_resume_with_exactly_the_engines_results()
    {
        var scenario = Scenarios.Load(Thinkers);
        var local = new LocalCluster(scenario);
        var expected = await local.Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var (run, _, clock) = await fixture.PrepareAsync(scenario);
        long fewest = long.MaxValue, most = 0;
        while (await clock.StepAsync(null) is { } sample)
        {
            int endpoints = await fixture.ActivationsOf<EndpointGrain>(run);
            if (sample.VirtualTime == TimeSpan.FromSeconds(11)) fewest = endpoints;   // all idle: thinking or waiting
            most = Math.Max(most, endpoints);
        }
        await clock.FinishAsync(null);

        Assert.Equal(JsonSerializer.Serialize(RunSummaryBuilder.Build(scenario, expected)),
            JsonSerializer.Serialize(RunSummaryBuilder.Build(scenario, clock.Samples)));
        var summary = RunSummaryBuilder.Build(scenario, clock.Samples);
        Assert.Equal(80, summary.Attempts);
        Assert.True(summary.Outcomes.Completed >= 75, $"{summary.Outcomes}");
        Assert.True(most >= 100, $"at most {most} endpoint grains were active at once");
        Assert.True(fewest <= most / 4, $"{fewest} of {most} endpoint grains still active while all sockets were idle");
    }
}
