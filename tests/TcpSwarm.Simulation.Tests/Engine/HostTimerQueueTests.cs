using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>The timers of compact entries wait in their host's own queue, one per TIME_WAIT record, and still fire at
/// their deadlines.</summary>
public sealed class HostTimerQueueTests
{
    private static LocalCluster Proxy(TimeSpan duration) =>
        new(TestScenario.Proxy(new ArrivalSpec.Constant(100), duration));

    [Fact]
    public async Task Every_time_wait_record_has_its_timer_in_the_hosts_queue()
    {
        var cluster = Proxy(TimeSpan.FromSeconds(30));
        var samples = await cluster.Scheduler.RunAsync(null, TestContext.Current.CancellationToken);
        var proxy = samples[^1].Hosts.Single(h => h.ClientGroup == 0);
        Assert.InRange(proxy.TimeWait, 2_990, 3_000);        // 100/s for 30 s, none expired, the last few still closing
        Assert.Equal(proxy.TimeWait, cluster.Host(Ipv4.Parse("10.0.0.1")).QueuedHostTimers);
    }

    [Fact]
    public async Task The_queued_timers_fire_at_their_deadlines_and_leave_the_queue()
    {
        var cluster = Proxy(TimeSpan.FromSeconds(90));
        var samples = await cluster.Scheduler.RunAsync(null, TestContext.Current.CancellationToken);
        var at = samples.ToDictionary(s => (int)s.VirtualTime.TotalSeconds,
            s => s.Hosts.Single(h => h.ClientGroup == 0).TimeWait);
        Assert.InRange(at[55], 5_490, 5_500);                // growing: 100/s, none 60 s old yet
        Assert.InRange(at[90], 5_999, 6_001);                // steady: the closes of the last 60 s, no more
        Assert.Equal(at[90], cluster.Host(Ipv4.Parse("10.0.0.1")).QueuedHostTimers);
    }
}
