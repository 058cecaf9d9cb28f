using TcpSwarm.Scenarios;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>The scale-out scenarios (load/four-servers.yaml, eight-servers.yaml, hot-server.yaml) run for real on
/// the embedded silo for their first second: each client group completes its rate's connections, none refused or
/// reset. load/two-million.yaml is too big for the suite; PlacementValidateTests checks its estimate.</summary>
public sealed class ScaleScenarioRunTests
{
    private static async Task<RunSummary> Run(string file)
    {
        var loaded = ScenarioLoader.Load(Repo.Load(file), new ScenarioOverrides { Sets = [("duration", "1s")] },
            4L << 30);
        Assert.Empty(loaded.Problems);
        await using var runner = new EmbeddedRunner();
        var report = await runner.RunAsync(loaded.Scenario!, null, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Completed, report.Status);
        return report.Summary;
    }

    [Theory]
    [InlineData("four-servers.yaml", 4, 3_000)]
    [InlineData("eight-servers.yaml", 8, 3_000)]
    [InlineData("hot-server.yaml", 1, 6_000)]
    public async Task Each_client_group_completes_its_rate_of_connections_in_a_second(string file, int servers,
        int perSecond)
    {
        var summary = await Run(file);

        Assert.Equal(servers, summary.Servers.Count);
        Assert.Equal(servers, summary.Clients.Count);
        foreach (var group in summary.Clients)
        {
            // Poisson arrivals in 1 s: the rate ± 4 σ; those opened in the last 100 ms may still be open.
            double sigma = Math.Sqrt(perSecond);
            Assert.InRange(group.Attempts, perSecond - 4 * sigma, perSecond + 4 * sigma);
            Assert.InRange(group.Outcomes.Completed, group.Attempts - perSecond / 10, group.Attempts);
            Assert.Equal(0, group.Outcomes.Refused + group.Outcomes.Reset + group.Outcomes.TimedOut);
        }
    }
}
