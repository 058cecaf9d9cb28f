using TcpSwarm.Cli.Bench;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Tests.Bench;

/// <summary>The bench's scenarios are ones a user could have written: the real loader takes them, and they are what
/// the bench's table says they are.</summary>
public sealed class BenchScenarioTests
{
    [Fact]
    public void The_churn_closes_from_the_client_over_enough_addresses_that_ports_never_run_out()
    {
        var scenario = BenchScenarios.Churn(5).Load();

        var clients = Assert.Single(scenario.Clients);
        Assert.Equal(Closer.Client, clients.Session.Closes);
        Assert.Equal(CloseKind.Fin, clients.Session.Close);
        Assert.Equal(256, clients.Addresses.Count);
        Assert.Equal(1000, scenario.Servers[0].ResponseBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(5), scenario.Lookahead);
        Assert.Equal("linux-6.18", scenario.Profile.Name);
    }

    [Fact]
    public void The_flood_answers_every_spoofed_syn_with_a_cookie()
    {
        var scenario = BenchScenarios.Flood(4).Load();

        Assert.Equal(2, scenario.Profile.TcpSyncookies);
        Assert.Equal(500_000, Assert.Single(scenario.Attackers).SynRatePerSecond);
        Assert.Empty(scenario.Clients);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(1_000_000)]
    public void The_ramp_opens_exactly_n_connections_at_most_4000_per_address_and_holds_them_past_its_end(int n)
    {
        var scenario = BenchScenarios.Ramp(n).Load();

        var clients = Assert.Single(scenario.Clients);
        var constant = Assert.IsType<ArrivalSpec.Constant>(clients.Arrivals);
        Assert.Equal(n, constant.PerSecond * clients.Stop.TotalSeconds, precision: 6);
        Assert.True(n / clients.Addresses.Count <= 4_000);
        Assert.True(clients.Session.Think > scenario.Duration);
        Assert.Equal(scenario.Duration, clients.Stop + BenchScenarios.Hold);    // held idle past parking
        Assert.True(BenchScenarios.Hold > Grains.ParkedEndpoints.ParkAfter + scenario.SampleInterval);
    }

    [Fact]
    public void The_syn_flood_file_is_the_repository_s_own()
    {
        var workload = BenchScenarios.SynFloodFile();

        Assert.Equal(File.ReadAllText(Repo.Load("syn-flood.yaml")), workload.Yaml);
        Assert.Equal(TimeSpan.FromSeconds(60), workload.Load().Duration);
    }
}
