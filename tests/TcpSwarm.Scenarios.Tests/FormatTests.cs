using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios.Tests;

/// <summary>The format as load/README.md describes it, read into typed values.</summary>
public sealed class FormatTests
{
    private const string Everything = """
        # Which question? Every key of the format, once.
        seed: 42
        duration: 60s
        profile: linux-6.18
        sysctl: { net.ipv4.tcp_syncookies: 1, net.ipv4.ip_local_port_range: "32768 60999" }
        time_wait: 60s
        sample_interval: 500ms
        speed: 2.5
        servers:
          - name: web
            address: 10.0.1.10
            port: 443
            backlog: 1024
            reuseport: 4
            accept: { rate: 4000/s }
            response: { bytes: 4KB, delay: 3ms }
        clients:
          - name: browsers
            addresses: 10.0.0.0/24
            target: web
            arrivals: { poisson: 3000/s }
            session: { request: 200B, think: 10ms, requests: 2, closes: server, close: rst }
            start: 5s
            stop: 55s
          - { name: ramped, addresses: 10.0.2.1, target: web, arrivals: { ramp: { from: 0/s, to: 10/ms, over: 30s } } }
          - { name: bursty, addresses: 10.0.3.0/30, target: web, arrivals: { bursts: { size: 100, every: 2s } } }
          - { name: loop, addresses: 10.0.4.0/31, target: web, arrivals: { closed_loop: { concurrent: 50 } } }
          - { name: steady, addresses: 10.0.5.7, target: web, arrivals: { constant: 60/min } }
        attackers:
          - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 5000/s, start: 0s, stop: 60s }
        paths:
          - from: browsers
            to: web
            latency: { normal: { min: 5ms, mean: 20ms, stddev: 10ms } }
            jitter: 2ms
            loss: 1%
            duplicate: 0.5%
            reorder: 0.01%
          - { from: ramped, to: web, latency: { uniform: { min: 1ms, max: 3ms } } }
          - { from: bursty, to: web, latency: { exponential: { min: 2ms, mean: 4ms } } }
          - { from: loop, to: web, latency: 750us }
          - { from: steady, to: web, latency: { fixed: 1ms } }
          - { from: flood, to: web, latency: { fixed: 10ms } }
        faults:
          - { drop: { from: browsers, to: web, segments: pure_ack }, from: 0s, until: 50s }
          - { drop: { from: web, to: browsers, segments: [syn_ack, fin] }, from: 1s }
          - { black_hole: web, from: 10s, until: 20s }
          - { partition: [browsers, web], from: 10s, until: 20s }
        trace: { sample: 1%, max: 100 }
        """;

    [Fact]
    public void Every_key_of_the_format_reads_into_its_typed_value()
    {
        var result = ScenarioLoader.LoadFromText("load/everything.yaml", Everything, ScenarioOverrides.None, 4L << 30);
        Assert.Empty(result.Problems);
        var s = result.Scenario!;

        Assert.Equal(("everything", "Which question?"), (s.Name, s.Question));
        Assert.Equal((42UL, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500), new Pacing(2.5)),
            (s.Seed, s.Duration, s.SampleInterval, s.Speed));
        Assert.Equal((1, 32768, 60999, false), (s.Profile.TcpSyncookies, s.Profile.IpLocalPortRangeLow,
            s.Profile.IpLocalPortRangeHigh, s.TimeWaitIsStudy));
        Assert.Equal(new ServerSpec("web", Ipv4.Parse("10.0.1.10"), 443, 1024, 4, new AcceptSpec.Rate(4000), 4000,
            TimeSpan.FromMilliseconds(3)), s.Servers[0]);

        Assert.Equal(new ClientGroupSpec("browsers", new AddressRange(Ipv4.Parse("10.0.0.0"), 256), "web",
            new ArrivalSpec.Poisson(3000),
            new SessionSpec(200, TimeSpan.FromMilliseconds(10), 2, Closer.Server, CloseKind.Rst),
            TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(55)), s.Clients[0]);
        Assert.Equal(new ArrivalSpec.Ramp(0, 10_000, TimeSpan.FromSeconds(30)), s.Clients[1].Arrivals);
        Assert.Equal((TimeSpan.Zero, s.Duration), (s.Clients[1].Start, s.Clients[1].Stop));
        Assert.Equal(new SessionSpec(200, TimeSpan.Zero, 1, Closer.Client, CloseKind.Fin), s.Clients[1].Session);
        Assert.Equal(new ArrivalSpec.Bursts(100, TimeSpan.FromSeconds(2)), s.Clients[2].Arrivals);
        Assert.Equal(4, s.Clients[2].Addresses.Count);
        Assert.Equal(new ArrivalSpec.ClosedLoop(50), s.Clients[3].Arrivals);
        Assert.Equal(new ArrivalSpec.Constant(1), s.Clients[4].Arrivals);
        Assert.Equal(new AddressRange(Ipv4.Parse("10.0.5.7"), 1), s.Clients[4].Addresses);

        Assert.Equal(new AttackerSpec("flood", "web", new AddressRange(Ipv4.Parse("198.51.100.0"), 256), 5000,
            TimeSpan.Zero, TimeSpan.FromSeconds(60)), s.Attackers[0]);

        Assert.Equal(new PathSpec("browsers", "web", new LatencySpec.Normal(TimeSpan.FromMilliseconds(5),
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(10)), TimeSpan.FromMilliseconds(2),
            10_000, 5_000, 100),
            s.Paths[0]);
        Assert.Equal(new LatencySpec.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3)),
            s.Paths[1].Latency);
        Assert.Equal(new LatencySpec.Exponential(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(4)),
            s.Paths[2].Latency);
        Assert.Equal(new LatencySpec.Fixed(TimeSpan.FromMicroseconds(750)), s.Paths[3].Latency);
        Assert.Equal(TimeSpan.FromMicroseconds(750), s.Lookahead);

        Assert.Equal(
        [
            new FaultSpec.Drop("browsers", "web", SegmentKinds.PureAck, TimeSpan.Zero, TimeSpan.FromSeconds(50)),
            new FaultSpec.Drop("web", "browsers", SegmentKinds.SynAck | SegmentKinds.Fin, TimeSpan.FromSeconds(1),
                s.Duration),
            new FaultSpec.BlackHole("web", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
            new FaultSpec.Partition("browsers", "web", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)),
        ], s.Faults);
        Assert.Equal(new TraceSpec(10_000, 100), s.Trace);
    }

    [Fact]
    public void Defaults_fill_what_a_minimal_scenario_leaves_out()
    {
        const string minimal = """
            duration: 500ms
            servers: [{ name: web, address: 10.0.1.10, port: 80 }]
            attackers: [{ name: flood, target: web, spoofed_from: 198.51.100.7, syn_rate: 1/s }]
            paths: [{ from: flood, to: web, latency: 1ms }]
            """;
        var s = ScenarioLoader.LoadFromText("min.yaml", minimal, ScenarioOverrides.None, 4L << 30).Scenario!;

        Assert.Equal((1UL, "linux-6.18", "", true), (s.Seed, s.Profile.Name, s.Question, s.Speed.IsMax));
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.SampleInterval);   // 1s, but never past the duration
        Assert.Equal(
            new ServerSpec("web", Ipv4.Parse("10.0.1.10"), 80, 4096, 1, new AcceptSpec.Immediate(), 0, TimeSpan.Zero),
            s.Servers[0]);
        Assert.Equal(TraceSpec.Default, s.Trace);
        Assert.Empty(s.Clients);
        Assert.Empty(s.SysctlOverrides);
    }

    [Fact]
    public void Merge_keys_and_x_keys_let_a_scenario_say_something_once()
    {
        const string yaml = """
            duration: 20s
            x-lan: &lan { latency: { fixed: 1ms }, loss: 0.1% }
            servers:
              - &srv { name: web, address: 10.0.1.10, port: 80, backlog: 64 }
              - { <<: *srv, name: api, port: 81 }
            clients:
              - { name: a, addresses: 10.0.0.1, target: web, arrivals: { constant: 1/s } }
              - { name: b, addresses: 10.0.0.2, target: api, arrivals: { constant: 1/s } }
            paths:
              - { <<: *lan, from: a, to: web }
              - { <<: *lan, from: b, to: api, loss: 2% }
            """;
        var result = ScenarioLoader.LoadFromText("merge.yaml", yaml, ScenarioOverrides.None, 4L << 30);

        Assert.Empty(result.Problems);
        var s = result.Scenario!;
        Assert.Equal(("api", Ipv4.Parse("10.0.1.10"), (ushort)81, 64), (s.Servers[1].Name, s.Servers[1].Address,
            s.Servers[1].Port, s.Servers[1].Backlog));
        Assert.Equal((1_000, 20_000), (s.Paths[0].LossPpm, s.Paths[1].LossPpm));
    }

    [Fact]
    public void A_backlog_above_somaxconn_is_valid_and_a_note_says_listen_clamps_it()
    {
        const string yaml = """
            duration: 20s
            servers: [{ name: web, address: 10.0.1.10, port: 80, backlog: 65535 }]
            clients: [{ name: a, addresses: 10.0.0.1, target: web, arrivals: { constant: 1/s } }]
            paths: [{ from: a, to: web, latency: 1ms }]
            """;
        var result = ScenarioLoader.LoadFromText("n.yaml", yaml, ScenarioOverrides.None, 4L << 30);

        Assert.NotNull(result.Scenario);
        Assert.Equal("note: n.yaml:2:63: servers[0].backlog: 65,535 is above net.core.somaxconn (4,096): "
                     + "listen() clamps it to 4,096",
            Assert.Single(result.Notes).ToString());
    }
}
