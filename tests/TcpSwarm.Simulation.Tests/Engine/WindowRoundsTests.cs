using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>A window takes as many rounds as its work needs: a busy host is never stopped by a round limit.</summary>
public sealed class WindowRoundsTests
{
    [Fact]
    public async Task One_client_address_at_150000_connects_a_second_runs_and_every_attempt_lands_in_one_bucket()
    {
        // 15,000 connects in 100 ms from one address: 1,500 per 10 ms window, each scheduling the next in a round of
        // its own; 15,000 ports of 28,232, so none is exhausted.
        var server = TestScenario.Server("web", "10.0.1.10", 80) with { ResponseBytes = 1_000 };
        var group = TestScenario.Group("browsers", "10.0.0.1", 1, "web", new ArrivalSpec.Poisson(150_000),
            stop: TimeSpan.FromMilliseconds(100));
        var path = TestScenario.Path("browsers", "web", TestScenario.Fixed(10));
        var scenario = TestScenario.Make([server], [group], [path])
            with
        { Duration = TimeSpan.FromMilliseconds(100), SampleInterval = TimeSpan.FromMilliseconds(100) };

        var samples = await new LocalCluster(scenario).Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var client = Assert.Single(samples[^1].Hosts, h => h.Host == group.Addresses.First);
        Assert.InRange(client.Attempts, 14_000, 16_000);         // Poisson: 15,000 ± 8 standard deviations
        Assert.Equal(client.Attempts, client.Outcomes.Total);
        Assert.Equal(0, client.Outcomes.PortExhausted);
        Assert.True(client.Outcomes.Completed > 0, client.Outcomes.ToString());
    }
}
