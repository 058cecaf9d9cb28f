using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios.Tests;

public sealed class OverrideTests
{
    private static string SynFlood => Path.Combine(Repo.LoadDir, "syn-flood.yaml");

    private static ScenarioLoadResult Load(ScenarioOverrides overrides) =>
        ScenarioLoader.Load(SynFlood, overrides, 4L << 30);

    private static ScenarioOverrides Set(params (string, string)[] sets) => new() { Sets = sets };

    [Theory]
    [InlineData("0", 0)]
    [InlineData("2", 2)]
    public void Set_changes_a_sysctl_of_the_profile_over_the_files_value(string value, int expected)
    {
        var s = Load(Set(("net.ipv4.tcp_syncookies", value))).Scenario!;

        Assert.Equal(expected, s.Profile.TcpSyncookies);
        Assert.Contains(KeyValuePair.Create("net.ipv4.tcp_syncookies", value), s.SysctlOverrides);
    }

    [Fact]
    public void Set_adds_a_sysctl_the_file_does_not_name()
    {
        var s = Load(Set(("net.ipv4.tcp_abort_on_overflow", "1"))).Scenario!;

        Assert.True(s.Profile.TcpAbortOnOverflow);
        Assert.Equal("net.ipv4.tcp_abort_on_overflow", s.SysctlOverrides[^1].Key);
    }

    [Fact]
    public void A_zero_duration_from_set_is_a_problem_located_at_the_option()
    {
        var result = Load(Set(("duration", "0s")));

        Assert.Null(result.Scenario);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("--set", 0, 0, "duration"), (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.Equal("error: --set: duration: 0s is not allowed; use a duration above 0s and at most 24h",
            problem.ToString());
    }

    [Fact]
    public void A_sysctl_out_of_range_from_set_names_the_option_as_its_field()
    {
        var problem = Assert.Single(Load(Set(("net.ipv4.tcp_syncookies", "9"))).Problems);

        Assert.Equal("error: --set: net.ipv4.tcp_syncookies: 9 is not allowed; use 0, 1, 2", problem.ToString());
    }

    [Fact]
    public void The_command_line_seed_wins_over_set_and_the_file()
    {
        Assert.Equal(42UL, Load(ScenarioOverrides.None).Scenario!.Seed);
        Assert.Equal(5UL, Load(Set(("seed", "5"))).Scenario!.Seed);
        Assert.Equal(7UL, Load(Set(("seed", "5")) with { Seed = 7 }).Scenario!.Seed);
    }

    [Fact]
    public void The_command_line_speed_wins_and_a_bad_one_is_located_at_the_option()
    {
        Assert.True(Load(ScenarioOverrides.None).Scenario!.Speed.IsMax);
        Assert.Equal(new Pacing(1), Load(new ScenarioOverrides { Speed = "1" }).Scenario!.Speed);
        Assert.Equal("error: --speed: speed: 'fast' is not allowed; use max, or a factor above 0 "
                     + "(1 is wall time, 10 is ten times faster)",
            Assert.Single(Load(new ScenarioOverrides { Speed = "fast" }).Problems).ToString());
    }

    [Fact]
    public void Set_reaches_a_servers_and_a_client_groups_fields_by_name()
    {
        var s = Load(Set(("servers.web.backlog", "64"), ("servers.web.accept.rate", "100/s"),
            ("clients.browsers.session.think", "70s"), ("clients.browsers.arrivals.poisson", "10/s"),
            ("attackers.flood.syn_rate", "1/ms"), ("trace.max", "5"))).Scenario!;

        Assert.Equal(64, s.Servers[0].Backlog);
        Assert.Equal(new AcceptSpec.Rate(100), s.Servers[0].Accept);
        Assert.Equal(TimeSpan.FromSeconds(70), s.Clients[0].Session.Think);
        Assert.Equal(new ArrivalSpec.Poisson(10), s.Clients[0].Arrivals);
        Assert.Equal(1000, s.Attackers[0].SynRatePerSecond);
        Assert.Equal(5, s.Trace.Max);
    }

    [Fact]
    public void Set_of_a_later_value_for_the_same_key_wins()
    {
        var scenario = Load(Set(("net.ipv4.tcp_syncookies", "0"), ("net.ipv4.tcp_syncookies", "2"))).Scenario!;
        Assert.Equal(2, scenario.Profile.TcpSyncookies);
    }

    [Theory]
    [InlineData("servers.api.backlog", "64", "servers.api.backlog: no server named 'api'; use one of: web")]
    [InlineData("servers.web.backlg", "64",
        "servers.web.backlg: not a field --set can change in this scenario; did you mean 'servers.web.backlog'?")]
    [InlineData("net.ipv4.tcp_syncookie", "1",
        "net.ipv4.tcp_syncookie: not a sysctl TcpSwarm models; did you mean 'net.ipv4.tcp_syncookies'?")]
    [InlineData("servers", "x", "servers: not a field --set can change in this scenario")]
    [InlineData("profile", "linux-5.4", "profile: 'linux-5.4' is not allowed; use linux-6.18, linux-6.1 or rfc1122")]
    [InlineData("clients.browsers.target", "nowhere", "clients.browsers.target: 'nowhere' names no server")]
    public void A_bad_set_is_a_problem_located_at_the_option_with_its_key_as_the_field(
        string key, string value, string expected)
    {
        var problem = Assert.Single(Load(Set((key, value))).Problems);

        Assert.Equal(("--set", 0, 0, key), (problem.File, problem.Line, problem.Column, problem.Field));
        Assert.StartsWith("error: --set: " + expected, problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_wait_other_than_the_profiles_is_a_study_and_the_scenario_says_so()
    {
        var result = Load(Set(("time_wait", "30s")));

        Assert.True(result.Scenario!.TimeWaitIsStudy);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Scenario.Profile.TimeWaitLength);
        Assert.Contains(result.Notes, n => n.Field == "time_wait"
                                           && n.Message.StartsWith("30s differs from linux-6.18's 60s",
                                               StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_from_set_is_applied_before_the_files_sysctls()
    {
        const string yaml = """
            duration: 10s
            sysctl: { net.ipv4.tcp_tw_reuse_delay: 500 }
            servers: [{ name: web, address: 10.0.1.10, port: 80 }]
            clients: [{ name: c, addresses: 10.0.0.1, target: web, arrivals: { constant: 1/s } }]
            paths: [{ from: c, to: web, latency: 1ms }]
            """;
        Assert.NotNull(ScenarioLoader.LoadFromText("p.yaml", yaml, ScenarioOverrides.None, 0).Scenario);

        var problem =
            Assert.Single(ScenarioLoader.LoadFromText("p.yaml", yaml, Set(("profile", "linux-6.1")), 0).Problems);

        Assert.Equal("error: p.yaml:2:11: sysctl.net.ipv4.tcp_tw_reuse_delay: linux-6.1 has no such sysctl "
                     + "(it came in a later kernel)",
            problem.ToString());
    }

    [Fact]
    public void Bad_options_are_reported_after_the_files_problems_in_command_line_order()
    {
        const string yaml = """
            duration: 10s
            servers: [{ name: web, address: 10.0.1.10, port: 0 }]
            clients: [{ name: c, addresses: 10.0.0.1, target: web, arrivals: { constant: 1/s } }]
            paths: [{ from: c, to: web, latency: 1ms }]
            """;
        var overrides = new ScenarioOverrides
        {
            Speed = "-1",
            Sets = [("duration", "0s"), ("net.ipv4.tcp_syncookies", "5"), ("clients.c.session.think", "forever")],
        };

        var problems = ScenarioLoader.LoadFromText("o.yaml", yaml, overrides, 0).Problems;

        Assert.Equal(["o.yaml servers[0].port", "--set duration", "--set net.ipv4.tcp_syncookies",
            "--set clients.c.session.think", "--speed speed"], problems.Select(p => $"{p.File} {p.Field}"));
    }
}
