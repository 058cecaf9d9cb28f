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
        Assert.Equal(("horde.yaml", 4, 67, "clients[0].arrivals"),
            (problem.File, problem.Line, problem.Column, problem.Field));
        // 100,000,000 connections × 6 KiB = 585,937.5 MiB; a session lives 3 RTTs of 20 ms, so they close at
        // 1.67e9/s and TIME_WAIT is bounded by the ports: 28,232 × 65,536 addresses × 200 B = 352,897 MiB more; and
        // 128 MiB for the process. The largest term is named, with how to shrink it.
        Assert.Equal("the run would need about 938,967 MiB at its peak, more than the limit of 4,096 MiB; most of "
                     + "it is horde: open connections (100,000,000) at 585,938 MiB: lower its rate or its think time "
                     + "(or --force to run it anyway)", problem.Message);
        Assert.NotNull(result.Memory);
        Assert.True(result.Memory.Bytes > 100_000_000L * 6 * 1024);
    }

    [Fact]
    public void The_same_closed_loop_fits_when_the_limit_allows_it_or_there_is_none()
    {
        Assert.NotNull(
            ScenarioLoader.LoadFromText("horde.yaml", ClosedLoop, ScenarioOverrides.None, 1L << 40).Scenario);
        Assert.NotNull(ScenarioLoader.LoadFromText("horde.yaml", ClosedLoop, ScenarioOverrides.None, 0).Scenario);
    }

    [Fact]
    public void Time_wait_at_a_proxy_is_bounded_by_the_ports_to_one_destination()
    {
        // min(3,000/s × 60 s = 180,000, 28,232 ports × 1 address, 131,072 buckets × 1 host) = 28,232.
        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "time-wait-proxy.yaml"), ScenarioOverrides.None,
            4L << 30).Memory!;

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
        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "syn-flood.yaml"), ScenarioOverrides.None,
            4L << 30).Memory!;

        Assert.Equal(1_025, m.PeakSynReceived);
    }

    private const string Overloaded = """
        duration: 60s
        servers: [{ name: app, address: 10.0.2.10, port: 8080, backlog: 128, accept: { rate: 500/s } }]
        clients: [{ name: callers, addresses: 10.0.0.0/24, target: app, arrivals: { poisson: 20000/s } }]
        paths: [{ from: callers, to: app, latency: 5ms }]
        """;

    [Fact]
    public void Connections_beyond_a_servers_accept_rate_pile_up_for_the_run_and_dominate_the_estimate()
    {
        var m = ScenarioLoader.LoadFromText("slow.yaml", Overloaded, null, 0).Memory!;

        // (20,000 - 500)/s × 60 s (the clients give up after 925 s): 1,170,000 connections × 6 KiB.
        var most = m.Dominant!;
        Assert.Equal(("app", "connections waiting for accept() until their clients give up", 1_170_000L),
            (most.Owner, most.What, most.Count));
        Assert.Equal(1_170_000L * 6 * 1024, most.Bytes);
        Assert.Equal("app", m.Largest);
        Assert.Equal(m.Bytes, m.Terms.Sum(t => t.Bytes));
    }

    [Fact]
    public void An_overloaded_server_is_refused_naming_it_and_how_to_shrink_it_unless_there_is_no_limit()
    {
        var refused = ScenarioLoader.LoadFromText("slow.yaml", Overloaded, null, 4L << 30);

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((2, "servers[0]"), (problem.Line, problem.Field));
        Assert.Contains("most of it is app: connections waiting for accept() until their clients give up (1,170,000) "
                        + "at 6,856 MiB: raise its accept rate, lower the clients' rates or shorten the run",
            problem.Message, StringComparison.Ordinal);
        Assert.True(ScenarioLoader.LoadFromText("slow.yaml", Overloaded, null, 0).IsValid);
    }

    [Fact]
    public void A_clients_give_up_time_follows_tcp_retries2_and_the_rto_bounds()
    {
        // 0.2 + 0.4 + ... + 102.4 s (ten timeouts), then six at tcp_rto_max's 120 s.
        Assert.Equal(924.6, MemoryEstimate.GiveUpSeconds(Tcp.TcpProfile.Default), 6);
    }

    [Fact]
    public void A_floods_syns_in_flight_are_its_rate_times_the_latency_and_a_window()
    {
        var overrides = new ScenarioOverrides { Sets = [("attackers.flood.syn_rate", "100_000_000/s")] };

        var m = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "syn-flood.yaml"), overrides, 0).Memory!;

        // 10 ms fixed latency + a 5 ms window (the lookahead): 1,500,000 SYNs × 272 B.
        Assert.Equal(("flood", "SYNs in flight", 1_500_000L), (m.Dominant!.Owner, m.Dominant.What, m.Dominant.Count));
        Assert.Equal("flood", m.Largest);
    }

    [Fact]
    public void A_rate_faster_than_the_engines_nanoseconds_resolve_is_refused()
    {
        var overrides = new ScenarioOverrides { Sets = [("attackers.flood.syn_rate", "10_000_000_000/s")] };

        var problem = Assert.Single(ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "syn-flood.yaml"), overrides, 0)
            .Problems);

        Assert.Equal(("--set", "attackers.flood.syn_rate"), (problem.File, problem.Field));
        Assert.Contains("is more than 100,000,000/s", problem.Message, StringComparison.Ordinal);
    }
}
