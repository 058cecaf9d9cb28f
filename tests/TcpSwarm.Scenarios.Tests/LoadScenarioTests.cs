using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios.Tests;

public sealed class LoadScenarioTests
{
    private const long FourGiB = 4L << 30;

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.LoadDir, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_in_load_validates_with_no_problem_and_states_its_question(string file)
    {
        var result = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, file), ScenarioOverrides.None,
            ShippedScenarios.MemoryFor(file));
        Assert.Empty(result.Problems.Select(p => p.ToString()));
        Assert.NotNull(result.Scenario);
        Assert.EndsWith("?", result.Scenario.Question, StringComparison.Ordinal);
        Assert.True(result.Scenario.Lookahead > TimeSpan.Zero);
    }

    [Fact]
    public void Two_million_established_needs_more_than_four_gib_and_says_so()
    {
        var result = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, "two-million.yaml"), ScenarioOverrides.None,
            FourGiB);

        var problem = Assert.Single(result.Problems);
        Assert.Contains("open connections (500,000)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 4,096 MiB", problem.Message, StringComparison.Ordinal);
        // close_after: never: the connections stay open, so no TIME_WAIT is counted against the memory.
        Assert.NotNull(result.Memory);
        Assert.Equal((1_000_000L, 0L), (result.Memory.PeakConnections, result.Memory.PeakTimeWait));
    }

    [Fact]
    public void The_six_scenarios_of_the_brief_are_all_there()
    {
        var names = Files().Select(row => row.Data).ToArray();
        foreach (var expected in new[] { "quickstart.yaml", "syn-flood.yaml", "lost-third-ack.yaml", "slow-accept.yaml",
                     "time-wait-proxy.yaml", "tw-reuse.yaml" })
            Assert.Contains(expected, names);
    }

    [Fact]
    public void The_syn_flood_scenario_reads_as_its_comments_say()
    {
        var s = Load("syn-flood.yaml");
        Assert.Equal((42UL, TimeSpan.FromSeconds(60), "linux-6.18"), (s.Seed, s.Duration, s.Profile.Name));
        Assert.Equal((1, 1024), (s.Profile.TcpSyncookies, s.Profile.TcpMaxSynBacklog));
        Assert.False(s.TimeWaitIsStudy);
        var web = Assert.Single(s.Servers);
        Assert.Equal(new ServerSpec("web", Tcp.Ipv4.Parse("10.0.1.10"), 443, 1024, 1, new AcceptSpec.Rate(4000), 0,
            TimeSpan.Zero), web);
        var flood = Assert.Single(s.Attackers);
        Assert.Equal((5000.0, 256, TimeSpan.Zero, s.Duration),
            (flood.SynRatePerSecond, flood.SpoofedFrom.Count, flood.Start, flood.Stop));
        Assert.Equal(new LatencySpec.Normal(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20),
            TimeSpan.FromMilliseconds(10)), s.Path("browsers", "web").Latency);
        Assert.Equal(10_000, s.Path("flood", "web").LossPpm);
        Assert.Equal(TimeSpan.FromMilliseconds(5), s.Lookahead);
        Assert.Equal(
            [KeyValuePair.Create("net.ipv4.tcp_max_syn_backlog", "1024"),
                KeyValuePair.Create("net.ipv4.tcp_syncookies", "1")],
            s.SysctlOverrides);
    }

    [Fact]
    public void The_lost_third_ack_scenario_drops_pure_acks_past_the_servers_63_s_and_traces_everything()
    {
        var s = Load("lost-third-ack.yaml");
        var drop = Assert.IsType<FaultSpec.Drop>(Assert.Single(s.Faults));
        Assert.Equal(("one", "web", SegmentKinds.PureAck), (drop.Sender, drop.Receiver, drop.Segments));
        Assert.True(drop.Until > TimeSpan.FromSeconds(63));
        var one = Assert.Single(s.Clients);
        Assert.Equal(1, one.Addresses.Count);
        Assert.Equal(new ArrivalSpec.Bursts(1, TimeSpan.FromDays(1)), one.Arrivals);
        Assert.Equal(TimeSpan.FromSeconds(70), one.Session.Think);
        Assert.Equal(1_000_000, s.Trace.SamplePpm);
        Assert.True(drop.Matches(Tcp.TcpFlags.Ack, 0));
        Assert.False(drop.Matches(Tcp.TcpFlags.Ack | Tcp.TcpFlags.Psh, 100));
    }

    [Fact]
    public void The_proxy_scenarios_churn_from_one_address_outside_loopback_closing_first()
    {
        foreach (var file in new[] { "time-wait-proxy.yaml", "tw-reuse.yaml" })
        {
            var s = Load(file);
            var g = Assert.Single(s.Clients);
            Assert.Equal(1, g.Addresses.Count);
            Assert.False(Tcp.Ipv4.IsLoopback(g.Addresses.First));
            Assert.False(Tcp.Ipv4.IsLoopback(s.Server(g.Target).Address));
            Assert.Equal(new ArrivalSpec.Constant(3000), g.Arrivals);
            Assert.Equal((Closer.Client, CloseKind.Fin), (g.Session.Closes, g.Session.Close));
        }
    }

    private static Scenario Load(string file)
    {
        var result = ScenarioLoader.Load(Path.Combine(Repo.LoadDir, file), ScenarioOverrides.None,
            ShippedScenarios.MemoryFor(file));
        Assert.Empty(result.Problems);
        return result.Scenario!;
    }
}
