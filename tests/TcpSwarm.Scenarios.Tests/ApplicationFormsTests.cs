using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios.Tests;

/// <summary>The forms SREs write for applications and load: accept workers, address lists and counts, close_after and
/// passive_close_after, stages; read into typed values, and reachable by --set.</summary>
public sealed class ApplicationFormsTests
{
    private const string Yaml = """
        # Which question? The application forms, once each.
        duration: 60s
        servers:
          - { name: nginx, address: 10.0.1.10, port: 443, backlog: 511, accept: { workers: 8, service: 2ms } }
          - name: api
            address: 10.0.1.11
            port: 80
            reuseport: 2
            accept: { workers: 3, service: { exponential: { mean: 5ms } } }
        clients:
          - name: counted
            addresses: { from: 10.0.16.1, count: 2000 }
            target: nginx
            arrivals: { stages: [ { to: 1000/s, over: 30s }, { hold: 20s }, { to: 0/s, over: 10s } ] }
            session: { requests: 0, close_after: never, passive_close_after: { uniform: { min: 0s, max: 2s } } }
          - name: listed
            addresses: [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.8.0/30, 10.0.9.9]
            target: api
            arrivals: { poisson: 10/s }
            session: { closes: server, close_after: 1s, passive_close_after: never }
        paths:
          - { from: counted, to: nginx, latency: 15ms }
          - { from: listed, to: api, latency: 1ms }
        """;

    private static Scenario Load(params (string, string)[] sets)
    {
        var result = ScenarioLoader.LoadFromText("forms.yaml", Yaml, new ScenarioOverrides { Sets = sets }, 4L << 30);
        Assert.Empty(result.Problems);
        return result.Scenario!;
    }

    [Fact]
    public void Accept_workers_read_with_a_duration_or_a_distribution_from_0()
    {
        var s = Load();
        Assert.Equal(new AcceptSpec.Workers(8, new LatencySpec.Fixed(Ms(2))), s.Servers[0].Accept);
        Assert.Equal(new AcceptSpec.Workers(3, new LatencySpec.Exponential(TimeSpan.Zero, Ms(5))), s.Servers[1].Accept);
    }

    [Fact]
    public void Two_thousand_addresses_are_exactly_two_thousand()
    {
        var a = Load().Clients[0].Addresses;
        Assert.Equal(2_000, a.Count);
        Assert.Equal(Ipv4.Parse("10.0.16.1"), a[0]);
        Assert.Equal(Ipv4.Parse("10.0.23.208"), a[1_999]);
        Assert.False(a.Contains(Ipv4.Parse("10.0.23.209")));
        Assert.False(a.Contains(Ipv4.Parse("10.0.16.0")));
    }

    [Fact]
    public void A_list_keeps_its_order_and_joins_consecutive_addresses()
    {
        var a = Load().Clients[1].Addresses;
        Assert.Equal(8, a.Count);
        Assert.Equal(3, a.Ranges.Count);                                   // .1-.3, 10.0.8.0/30, 10.0.9.9
        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.8.0", "10.0.8.1", "10.0.8.2", "10.0.8.3", "10.0.9.9"],
            Enumerable.Range(0, a.Count).Select(i => Ipv4.Format(a[i])));
        Assert.Equal(7, a.IndexOf(Ipv4.Parse("10.0.9.9")));
        Assert.Equal(-1, a.IndexOf(Ipv4.Parse("10.0.0.4")));
    }

    [Fact]
    public void Stages_read_as_ramps_and_holds_from_0()
    {
        var stages = Assert.IsType<ArrivalSpec.Stages>(Load().Clients[0].Arrivals);
        Assert.Equal(
            [new(1000, TimeSpan.FromSeconds(30)), new(1000, TimeSpan.FromSeconds(20), Hold: true),
                new ArrivalStage(0, TimeSpan.FromSeconds(10))],
            stages.Steps);
        Assert.Equal(TimeSpan.FromSeconds(60), stages.Length);
    }

    [Fact]
    public void Close_after_and_passive_close_after_read_as_waits_or_never()
    {
        var s = Load();
        Assert.Equal(new DelaySpec.Never(), s.Clients[0].Session.CloseAfter);
        Assert.Equal(new DelaySpec.After(new LatencySpec.Uniform(TimeSpan.Zero, TimeSpan.FromSeconds(2))),
            s.Clients[0].Session.PassiveCloseAfter);
        Assert.Equal(0, s.Clients[0].Session.Requests);
        Assert.Equal(new DelaySpec.After(new LatencySpec.Fixed(TimeSpan.FromSeconds(1))),
            s.Clients[1].Session.CloseAfter);
        Assert.Equal(new DelaySpec.Never(), s.Clients[1].Session.PassiveCloseAfter);
    }

    [Fact]
    public void Absent_waits_are_at_once_as_before()
    {
        const string Plain = """
            duration: 10s
            servers: [ { name: web, address: 10.0.1.10, port: 80 } ]
            clients: [ { name: c, addresses: 10.0.0.1, target: web, arrivals: { poisson: 1/s } } ]
            paths: [ { from: c, to: web, latency: 1ms } ]
            """;
        var s = ScenarioLoader.LoadFromText("plain.yaml", Plain, ScenarioOverrides.None, 4L << 30).Scenario!;
        Assert.Null(s.Clients[0].Session.CloseAfter);
        Assert.Null(s.Clients[0].Session.PassiveCloseAfter);
    }

    [Fact]
    public void Set_reaches_the_new_fields_by_the_documented_keys()
    {
        var s = Load(("servers.nginx.accept.workers", "64"), ("servers.nginx.accept.service", "1ms"),
            ("clients.listed.session.passive_close_after", "30s"), ("clients.listed.session.close_after", "never"),
            ("clients.listed.addresses", "10.0.0.0/28"));
        Assert.Equal(new AcceptSpec.Workers(64, new LatencySpec.Fixed(Ms(1))), s.Servers[0].Accept);
        Assert.Equal(new DelaySpec.After(new LatencySpec.Fixed(TimeSpan.FromSeconds(30))),
            s.Clients[1].Session.PassiveCloseAfter);
        Assert.Equal(new DelaySpec.Never(), s.Clients[1].Session.CloseAfter);
        Assert.Equal(16, s.Clients[1].Addresses.Count);
    }

    [Fact]
    public void Workers_fewer_than_the_reuseport_shards_are_refused_at_workers()
    {
        var result = ScenarioLoader.LoadFromText("forms.yaml", Yaml,
            new ScenarioOverrides { Sets = [("servers.api.accept.workers", "1")] }, 4L << 30);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("--set", "servers.api.accept.workers"), (problem.File, problem.Field));
        Assert.StartsWith("1 workers cannot serve 2 SO_REUSEPORT shards", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_never_closing_session_counts_its_whole_window_in_the_memory_estimate()
    {
        // 10/s for 60 s that never close: 600 open at the end, against about 10 × a few ms when they close at once.
        var leaking = Load().Clients[1];
        var closing = Load(("clients.listed.session.passive_close_after", "0s"), ("clients.listed.session.close_after",
            "0s"));
        Assert.True(MemoryEstimateOf(Load()) > MemoryEstimateOf(closing), $"{leaking.Name} leaks");
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static long MemoryEstimateOf(Scenario s) => MemoryEstimate.Of(s).PeakConnections;
}
