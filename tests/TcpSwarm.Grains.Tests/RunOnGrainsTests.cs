using System.Text.Json;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>Scenarios end to end on a real Orleans silo: host grains, endpoint grains, the window scheduler.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class RunOnGrainsTests(ClusterFixture fixture)
{
    private static string Json(RunSummary summary) => JsonSerializer.Serialize(summary);

    [Fact]
    public async Task Every_attempt_ends_in_exactly_one_outcome_bucket()
    {
        var report = await fixture.RunAsync(Scenarios.Load(Scenarios.Mix));
        var s = report.Summary;
        Assert.Equal(RunStatus.Completed, report.Status);
        Assert.True(s.Attempts > 300, $"only {s.Attempts} attempts");
        Assert.Equal(s.Attempts, s.Outcomes.Total);
        Assert.Equal(s.Attempts, s.Clients.Sum(c => c.Outcomes.Total));
        Assert.True(s.Outcomes.Completed > s.Attempts * 9 / 10, $"{s.Outcomes}");
        Assert.True(s.Attackers[0].SpoofedSyns > 1000);
    }

    [Fact]
    public async Task At_every_sample_each_hosts_per_state_gauges_add_up_to_its_live_full_sockets()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var (_, _, clock) = await fixture.PrepareAsync(scenario);
        var samples = await clock.RunAsync(null, CancellationToken.None);
        Assert.True(samples.Count >= 12);
        long peakLive = 0;
        foreach (var sample in samples)
            foreach (var host in sample.Hosts)
            {
                Assert.Equal(host.FullSockets, host.States.Sum());
                Assert.Equal(0, host.States[(int)TcpState.TimeWait] + host.States[(int)TcpState.Closed]);
                peakLive = Math.Max(peakLive, host.FullSockets);
            }
        Assert.True(peakLive > 0);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_summary_and_another_seed_another()
    {
        var first = await fixture.RunAsync(Scenarios.WithSeed(Scenarios.Mix, 11));
        var again = await fixture.RunAsync(Scenarios.WithSeed(Scenarios.Mix, 11));
        var other = await fixture.RunAsync(Scenarios.WithSeed(Scenarios.Mix, 12));
        Assert.Equal(Json(first.Summary), Json(again.Summary));
        Assert.NotEqual(Json(first.Summary), Json(other.Summary));
    }

    [Fact]
    public async Task Grains_give_exactly_the_summary_of_the_engine_run_without_orleans()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var local = new LocalCluster(scenario);
        var samples = await local.Clock.RunAsync(null, CancellationToken.None);
        var onGrains = await fixture.RunAsync(scenario);
        Assert.Equal(Json(RunSummaryBuilder.Build(scenario, samples)), Json(onGrains.Summary));
    }

    [Fact]
    public async Task A_step_asked_ahead_of_the_one_before_gets_its_own_sample_whichever_the_clock_takes_first()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var local = new LocalCluster(scenario);
        var expected = new[] { await local.Clock.StepAsync(null), await local.Clock.StepAsync(null) };
        var setup = fixture.Setup(scenario);
        var clock = fixture.Grains.GetGrain<IRunClockGrain>(GrainKeys.RunClock(setup.RunId, setup.Silos[0]));
        await clock.StartAsync(setup);

        var second = clock.StepAsync(1);                          // asked first, so taken first
        var first = clock.StepAsync(0);
        var got = new[] { (await first).Value.Sample, (await second).Value.Sample };

        Assert.Equal(expected.Select(s => s!.VirtualTime), got.Select(s => s!.VirtualTime));
        Assert.Equal(expected.Select(s => JsonSerializer.Serialize(s)), got.Select(s => JsonSerializer.Serialize(s)));
        await clock.StopAsync();
    }

    [Fact]
    public async Task A_run_cancelled_at_its_first_sample_ends_with_the_one_already_asked_for_as_the_engine_would()
    {
        var scenario = Scenarios.Load(Scenarios.Mix);
        var local = new LocalCluster(scenario);
        await local.Clock.StepAsync(null);
        await local.Clock.StepAsync(null);
        await local.Clock.FinishAsync(null);
        using var cancel = new CancellationTokenSource();

        var report = await GrainRun.RunAsync(fixture.Grains, fixture.Setup(scenario), scenario,
            new CancelAtFirst(cancel), cancel.Token);

        Assert.Equal(RunStatus.Interrupted, report.Status);
        Assert.Equal(2, local.Clock.Samples.Count);
        Assert.Equal(local.Clock.Samples.Select(s => s.VirtualTime), report.Samples.Select(s => s.VirtualTime));
        Assert.Equal(Json(RunSummaryBuilder.Build(scenario, local.Clock.Samples)), Json(report.Summary));
    }

    // Ctrl-C as the first sample is shown: the next one is already asked for.
    private sealed class CancelAtFirst(CancellationTokenSource cancel) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => cancel.Cancel();
    }

    [Fact]
    public async Task A_flood_of_100000_spoofed_syns_and_10000_stray_segments_activate_no_endpoint_grain()
    {
        var scenario = Scenarios.Load("""
            # Does a flood, or a burst of segments for no connection, cost the server any full socket?
            seed: 3
            duration: 6s
            servers:
              - { name: web, address: 10.0.1.10, port: 80, backlog: 1024 }
            attackers:
              - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 20000/s, stop: 5s }
            paths:
              - { from: flood, to: web, latency: { fixed: 5ms } }
            """);
        var (setup, _, clock) = await fixture.PrepareAsync(scenario);
        await fixture.Partition(setup, 0).InjectAsync(new(Strays(scenario.Servers[0].Address, 10_000)));
        int before = await fixture.ActivationsOf<EndpointGrain>();
        var samples = await clock.RunAsync(null, CancellationToken.None);
        int after = await fixture.ActivationsOf<EndpointGrain>();

        var summary = RunSummaryBuilder.Build(scenario, samples);
        var flood = summary.Attackers[0];
        Assert.InRange(flood.SpoofedSyns, 99_000, 101_000);                // Poisson at 20,000/s for 5 s
        Assert.Equal(0, after - before);
        var web = summary.Servers[0];
        Assert.Equal(web.SynQueueLimit, web.PeakSynQueue);                // the queue filled, then cookies
        var counters = web.Counters.ToDictionary(c => c.Key, c => c.Value);
        Assert.True(counters[nameof(TcpExt.SyncookiesSent)] > 50_000);
        Assert.True(counters[nameof(TcpExt.OutRsts)] >= 5_000);           // strays answered as Linux answers them
    }

    // ACKs, RSTs, FINs, data and SYN-ACKs from random peers to the listener's port and to closed ports.
    private static (Segment, Instant)[] Strays(uint server, int count)
    {
        var strays = new (Segment, Instant)[count];
        TcpFlags[] kinds = [TcpFlags.Ack, TcpFlags.Rst, TcpFlags.Fin | TcpFlags.Ack, TcpFlags.Ack | TcpFlags.Psh,
            TcpFlags.Syn | TcpFlags.Ack, TcpFlags.Rst | TcpFlags.Ack];
        var random = SimRandom.For(99, 1, 2);
        for (int i = 0; i < count; i++)
        {
            var flags = kinds[i % kinds.Length];
            ushort port = i % 2 == 0 ? (ushort)80 : (ushort)(81 + i % 1000);
            var seg = new Segment(0xCB00_7100 + random.NextBelow(256), (ushort)(1024 + random.NextBelow(60000)), server,
                port, new SeqNum(random.NextU32()), new SeqNum(random.NextU32()), flags, 1000,
                (ushort)((flags & TcpFlags.Psh) != 0 ? 100 : 0));
            strays[i] = (seg, Instant.FromMilliseconds(10 + i / 4));
        }
        return strays;
    }
}
