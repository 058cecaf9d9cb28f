using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Theory;

/// <summary>Through the whole engine, each client host gets exactly its port range's worth of connects to one
/// destination while TIME_WAIT holds the ports, and every further connect() fails with EADDRNOTAVAIL.</summary>
/// <remarks>
/// The ladder tests pin one host's range (ten ports, ten connects, even ports first); here four hosts of one group
/// share the load round-robin, so exhaustion is per (source, destination, port): 4 × 10 completed, the rest
/// port_exhausted, each host exactly 10 ports in use. An odd range loses a port, because __inet_hash_connect rounds
/// the range's size down to even.
/// </remarks>
public sealed class PortExhaustionTests
{
    [Theory]
    [InlineData("40000 40009", 10)]
    [InlineData("40000 40010", 10)]
    [InlineData("40000 40001", 2)]
    public async Task Each_source_gets_exactly_the_ranges_even_size_of_connects_then_eaddrnotavail(string range,
        int ports)
    {
        const int Hosts = 4, Attempts = 200;
        Assert.True(Sysctls.TrySet(TcpProfile.Default, Sysctls.PortRange, range, out var profile, out var error),
            error);
        var server = TestScenario.Server("web", "10.0.1.10", 80);
        var stop = TimeSpan.FromSeconds(Attempts / 100.0);        // 100 connects a second for two seconds
        var group = TestScenario.Group("proxy", "10.0.0.1", Hosts, "web", new ArrivalSpec.Constant(100), stop: stop);
        var scenario = TestScenario.Make([server], [group], [TestScenario.Path("proxy", "web", TestScenario.Fixed(1))])
            with
        { Duration = TimeSpan.FromSeconds(10), Profile = profile };

        var samples = await new LocalCluster(scenario).Clock.RunAsync(null, TestContext.Current.CancellationToken);

        var clients = samples[^1].Hosts.Where(h => h.Host != server.Address).ToList();
        Assert.Equal(Hosts, clients.Count);
        Assert.All(clients, c =>
        {
            Assert.Equal((ports, Attempts / Hosts - ports, ports),
                (c.Outcomes.Completed, c.Outcomes.PortExhausted, c.TimeWait));
            Assert.Equal(ports, c.PortsInUse);
        });
        Assert.Equal(Hosts * ports, clients.Sum(c => c.Outcomes.Completed));
    }
}
