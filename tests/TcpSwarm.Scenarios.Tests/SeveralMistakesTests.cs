namespace TcpSwarm.Scenarios.Tests;

public sealed class SeveralMistakesTests
{
    // STYLE.md's syn-flood example with its two mistakes: tcp_syncookies 3, and an exponential latency without a min.
    private const string StyleExample = """
        # load/syn-flood.yaml: at 5,000 spoofed SYN/s with 1% loss and a backlog of 1,024, how many SYNs are dropped?
        # Variants: --set net.ipv4.tcp_syncookies=0 (no cookies) or =2 (cookies always).
        seed: 42
        duration: 60s
        profile: linux-6.18                # that kernel's defaults; the sysctl keys below override them
        sysctl:                            # sysctl names verbatim: values copy straight from /etc/sysctl.conf
          net.ipv4.tcp_max_syn_backlog: 1024   # read only when tcp_syncookies is 0
          net.ipv4.tcp_syncookies: 3       # 0 off, 1 when the SYN queue is full, 2 always
        time_wait: 60s   # not a sysctl (Linux fixes it at 60 s); another value is a study, and says so
        servers:
          - { name: web, address: 10.0.1.10, port: 443, backlog: 1024, accept: { rate: 4000/s } }
        clients:
          - { name: browsers, addresses: 10.0.0.0/24, target: web, arrivals: { poisson: 3000/s } }
        attackers:
          - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 5000/s }
        paths:                             # every latency has a positive floor; the smallest floor is the lookahead
          - { from: browsers, to: web, latency: { normal: { min: 5ms, mean: 20ms, stddev: 10ms } }, loss: 1% }
          - { from: flood, to: web, latency: { exponential: { mean: 10ms } }, loss: 1% }
        """;

    [Fact]
    public void The_style_guides_two_mistakes_are_reported_together_as_it_prints_them()
    {
        var result = ScenarioLoader.LoadFromText("load/syn-flood.yaml", StyleExample, ScenarioOverrides.None, 4L << 30);

        Assert.Null(result.Scenario);
        Assert.Equal(
        [
            "error: load/syn-flood.yaml:8:28: sysctl.net.ipv4.tcp_syncookies: 3 is not allowed; use 0, 1, 2",
            "error: load/syn-flood.yaml:18:38: paths[1].latency: an exponential without a min can be 0ms; "
            + "set a min above 0",
        ], result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Every_mistake_of_a_file_is_reported_at_once_in_file_order()
    {
        const string yaml = """
            seed: 1
            duration: 0s
            profile: linux-6.1
            sysctl: { net.ipv4.tcp_tw_reuse_delay: 1000, net.ipv4.tcp_syncookies: 7 }
            servers:
              - name: web
                address: 10.0.1.10
                port: 70000
                backlg: 10
              - { name: web, address: 10.0.1.11, port: 80, accept: { rate: -5/s } }
            clients:
              - name: browsers
                addresses: 10.0.0.0/8
                target: api
                arrivals: { poisson: 100/s, constant: 5/s }
                session: { closes: neither }
            paths:
              - { from: browsers, to: web, latency: { fixed: 0ms }, loss: 101% }
            faults:
              - { black_hole: nobody }
            """;

        var result = ScenarioLoader.LoadFromText("many.yaml", yaml, ScenarioOverrides.None, 4L << 30);

        Assert.Equal(
        [
            "2:11 duration", "4:11 sysctl.net.ipv4.tcp_tw_reuse_delay", "4:71 sysctl.net.ipv4.tcp_syncookies",
            "8:11 servers[0].port", "9:5 servers[0].backlg", "10:13 servers[1].name", "10:64 servers[1].accept.rate",
            "13:16 clients[0].addresses", "14:13 clients[0].target", "15:33 clients[0].arrivals",
            "16:24 clients[0].session.closes", "18:50 paths[0].latency", "18:63 paths[0].loss",
            "20:19 faults[0].black_hole",
        ], result.Problems.Select(p => $"{p.Line}:{p.Column} {p.Field}"));
        Assert.All(result.Problems, p => Assert.Equal("many.yaml", p.File));
        Assert.All(result.Problems, p => MalformedCorpusTests.AssertNoStackTraceOrExceptionName(p.ToString()));
    }

    [Fact]
    public void A_missing_file_is_a_problem_on_line_0_not_an_exception()
    {
        var result = ScenarioLoader.Load("/nonexistent/scenario.yaml", ScenarioOverrides.None, 4L << 30);

        Assert.Equal("error: /nonexistent/scenario.yaml: file: no such file",
            Assert.Single(result.Problems).ToString());
    }
}
