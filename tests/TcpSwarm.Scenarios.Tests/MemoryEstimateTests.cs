namespace TcpSwarm.Scenarios.Tests;

public sealed class MemoryEstimateTests
{
    private const string ClosedLoop = """
        duration: 60s
        servers: [{ name: web, address: 10.0.1.10, port: 80 }]
        clients:
          - { name: horde, addresses: 10.0.0.0/16, target: web, arrivals: { closed_loop: { concurrent: 100000000 } } }
        paths: [{ from: horde, to: web, latency: { fixed: 10ms } }]
        """;

    [Fact]
    public void An_enormous_closed_loop_is_refused_naming_the_estimate_and_the_limit_in_MiB()
    {
        var result = ScenarioLoader.LoadFromText("horde.yaml", ClosedLoop, ScenarioOverrides.None, 4L << 30);

        Assert.Null(result.Scenario);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("horde.yaml", 4, 67, "clients[0].arrivals"), (problem.File, problem.Line, problem.Column, problem.Field));
        // 100,000,000 connections × 6 KiB = 585,937.5 MiB; a session lives 3 RTTs of 20 ms, so they close at
        // 1.67e9/s and TIME_WAIT is bounded by the ports: 28,232 × 65,536 addresses × 200 B = 352,897 MiB more.
        Assert.Equal("the run would need about 938,839 MiB at its peak, more than the limit of 4,096 MiB "
                     + "(100,000,000 open connections × 6 KiB, 4,097 SYN_RCVD and 1,850,212,352 TIME_WAIT × 200 B); "
                     + "lower the rates or the concurrency, or raise the limit", problem.Message);
        Assert.NotNull(result.Memory);
        Assert.True(result.Memory.Bytes > 100_000_000L * 6 * 1024);
    }

    [Fact]
    public void The_same_closed_loop_fits_when_the_limit_allows_it_or_there_is_none()
    {
        Assert.NotNull(ScenarioLoader.LoadFromText("horde.yaml", ClosedLoop, ScenarioOverrides.None, 1L << 40).Scenario);
        Assert.NotNull(ScenarioLoader.LoadFromText("horde.yaml", ClosedLoop, ScenarioOverrides.None, 0).Scenario);
    }

    [Fact]
    public void Time_wait_at_a_proxy_is_bounded_by_the_ports_to_one_destination()
    {
        // min(3,000/s × 60 s = 180,000, 28,232 ports × 1 address, 131,072 buckets × 1 host) = 28,232.
        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "time-wait-proxy.yaml"), ScenarioOverrides.None, 4L << 30).Memory!;

        Assert.Equal(28_232, m.PeakTimeWait);
        Assert.Equal(4_097, m.PeakSynReceived);    // backlog 4096 clamped by somaxconn 4096, + 1
    }

    [Fact]
    public void Time_wait_is_bounded_by_tcp_max_tw_buckets_per_host()
    {
        var overrides = new ScenarioOverrides { Sets = [("net.ipv4.tcp_max_tw_buckets", "1000")] };
        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "time-wait-proxy.yaml"), overrides, 4L << 30).Memory!;

        Assert.Equal(1_000, m.PeakTimeWait);
    }

    [Fact]
    public void A_syn_flood_holds_at_most_the_listeners_queue_in_SYN_RCVD()
    {
        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "syn-flood.yaml"), ScenarioOverrides.None, 4L << 30).Memory!;

        Assert.Equal(1_025, m.PeakSynReceived);
    }
}
