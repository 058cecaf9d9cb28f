using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Grains.Tests;

/// <summary>SO_REUSEPORT: one server, several listening sockets, each with its own queues.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class ReusePortTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Four_shards_each_hold_backlog_plus_one_requests_and_every_attempt_still_ends_once()
    {
        var scenario = Scenarios.Load(Scenarios.Mix.Replace("backlog: 64,", "backlog: 64, reuseport: 4,",
            StringComparison.Ordinal));
        Assert.Equal(4, scenario.Servers[0].ReusePort);
        var report = await fixture.RunAsync(scenario);
        var web = report.Summary.Servers[0];
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.Equal(4 * (64 + 1), web.SynQueueLimit);
        Assert.Equal(4 * (64 + 1), web.AcceptQueueLimit);
        Assert.Equal(report.Summary.Attempts, report.Summary.Outcomes.Total);
        Assert.True(web.Admitted > 300 && web.Accepted == web.Admitted,
            $"{web.Admitted} admitted, {web.Accepted} accepted");
    }
}
