using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Grains.Tests;

/// <summary>Placement by traffic (docs/placement.md): a server stays with its clients and attackers unless its unit
/// is too heavy for one partition; units are balanced by expected work; the map depends on the scenario and N alone.
/// </summary>
public sealed class PlacementTests
{
    // A partition's expected share may exceed the fair share 1/N by at most this fraction of it on equal units.
    private const double Balance = 0.05;

    private static IReadOnlyList<int> Partitions(PartitionMap map) => [.. map.Hosts.Select(map.Of)];

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Four_servers_are_spread_evenly_and_each_keeps_its_clients(int n)
    {
        var scenario = Scenarios.FromFile("four-servers.yaml");
        var map = PartitionMap.For(scenario, n);

        var plan = map.Plan!;
        for (int p = 0; p < n; p++) Assert.InRange(plan.Share(p), (1 - Balance) / n, (1 + Balance) / n);
        Assert.Empty(map.Idle);
        foreach (var group in scenario.Clients)
        {
            int server = map.Of(scenario.Server(group.Target).Address);
            for (int i = 0; i < group.Addresses.Count; i++) Assert.Equal(server, map.Of(group.Addresses[i]));
        }
    }

    [Fact]
    public void The_same_scenario_and_count_give_the_same_map_whatever_order_the_file_lists_things_in()
    {
        var scenario = Scenarios.FromFile("scale-out.yaml");
        var reordered = scenario with
        {
            Servers = [.. scenario.Servers.Reverse()],
            Clients = [.. scenario.Clients.Reverse()],
            Paths = [.. scenario.Paths.Reverse()],
        };
        foreach (int n in new[] { 1, 2, 3, 4, 5 })
        {
            var first = PartitionMap.For(scenario, n);
            Assert.Equal(Partitions(first), Partitions(PartitionMap.For(scenario, n)));
            Assert.Equal(Partitions(first), Partitions(PartitionMap.For(reordered, n)));
            Assert.Equal(first.Plan!.Work, PartitionMap.For(reordered, n).Plan!.Work);
        }
    }

    [Fact]
    public void Equal_units_go_heaviest_first_each_to_the_least_loaded_partition_ties_by_name()
    {
        // Six equal units on four partitions: 2, 2, 1, 1, assigned heaviest first, ties by name to the lower index.
        var map = PartitionMap.For(Scenarios.FromFile("scale-out.yaml"), 4);
        Assert.Equal(["s1", "s5"], map.Plan!.Parts[0].Select(p => p.Unit));
        Assert.Equal(["s2", "s6"], map.Plan.Parts[1].Select(p => p.Unit));
        Assert.Equal(["s3"], map.Plan.Parts[2].Select(p => p.Unit));
        Assert.Equal(["s4"], map.Plan.Parts[3].Select(p => p.Unit));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_hot_server_is_split_evenly_its_clients_filling_every_partition_its_own_the_least(int n)
    {
        var scenario = Scenarios.FromFile("hot-server.yaml");
        var group = scenario.Clients.Single();
        var map = PartitionMap.For(scenario, n);

        var plan = map.Plan!;
        for (int p = 0; p < n; p++) Assert.InRange(plan.Share(p), (1 - Balance) / n, (1 + Balance) / n);
        Assert.Empty(map.Idle);
        int server = map.Of(scenario.Servers.Single().Address);
        var clients = Enumerable.Range(0, n)
            .Select(p => Enumerable.Range(0, group.Addresses.Count).Count(i => map.Of(group.Addresses[i]) == p))
            .ToArray();
        Assert.Equal(group.Addresses.Count, clients.Sum());
        Assert.All(Enumerable.Range(0, n), p => Assert.True(clients[p] > 0, $"partition {p} holds no client"));
        Assert.All(Enumerable.Range(0, n).Where(p => p != server),
            p => Assert.True(clients[server] < clients[p], $"the server's partition holds {clients[server]} clients, " +
                                                           $"partition {p} {clients[p]}"));
    }

    [Fact]
    public void Calling_a_host_in_a_window_counts_so_many_clients_weigh_more_than_few_with_the_same_traffic()
    {
        var yaml = File.ReadAllText(Repo.Load("hot-server.yaml"));
        var many = Scenarios.Load(yaml);
        var few = Scenarios.Load(yaml.Replace("10.0.2.0/24", "10.0.2.0/28", StringComparison.Ordinal));

        long manyWork = PartitionMap.For(many, 2).Plan!.TotalWork, fewWork = PartitionMap.For(few, 2).Plan!.TotalWork;
        Assert.True(manyWork > 1.5 * fewWork, $"256 clients: {manyWork} events of work, 16: {fewWork}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_flooded_server_keeps_its_clients_and_the_other_partitions_are_idle(int n)
    {
        // Splitting syn-flood's clients off would move less than a fifth of its work: not worth the crossing.
        var scenario = Scenarios.FromFile("syn-flood.yaml");
        var map = PartitionMap.For(scenario, n);

        Assert.All(map.Hosts, h => Assert.Equal(0, map.Of(h)));
        Assert.Equal(0, map.Attackers.Single());
        Assert.Equal(Enumerable.Range(1, n - 1), map.Idle);
    }

    [Fact]
    public void One_partition_holds_everything()
    {
        var map = PartitionMap.For(Scenarios.FromFile("hot-server.yaml"), 1);
        Assert.All(map.Hosts, h => Assert.Equal(0, map.Of(h)));
        Assert.Empty(map.Idle);
        Assert.Equal(1.0, map.Plan!.Share(0));
    }

    [Fact]
    public void Servers_on_one_address_are_one_unit()
    {
        var scenario = Scenarios.Load("""
            duration: 2s
            servers:
              - { name: http, address: 10.0.1.1, port: 80 }
              - { name: https, address: 10.0.1.1, port: 443 }
            clients:
              - { name: a, addresses: 10.0.2.0/30, target: http, arrivals: { poisson: 10/s } }
              - { name: b, addresses: 10.0.3.0/30, target: https, arrivals: { poisson: 10/s } }
            paths:
              - { from: a, to: http, latency: { fixed: 5ms } }
              - { from: b, to: https, latency: { fixed: 5ms } }
            """);
        var map = PartitionMap.For(scenario, 2);
        var unit = Assert.Single(map.Plan!.Units);
        Assert.Equal("http+https", unit.Name);
        Assert.Equal(["a", "b"], unit.Groups);
    }
}
