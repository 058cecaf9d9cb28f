using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Theory;

/// <summary>TIME_WAIT on the side that closes first obeys Little's law, bounded by ports and by
/// tcp_max_tw_buckets.</summary>
/// <remarks>
/// Steady state: records = min(close rate × TIME_WAIT length, ports per destination, tcp_max_tw_buckets). With constant
/// arrivals and a fixed latency every connection lives the same time, so the count is exact up to the one connection
/// a sampling instant may catch mid-close. With Poisson arrivals TIME_WAIT is an M/D/∞ queue: the records at any
/// instant are the closes of the last 60 s, a Poisson count of mean and variance λ·60, and counts 60 s apart come from
/// disjoint stretches of arrivals, so they are independent replications.
/// </remarks>
public sealed class TimeWaitLittleTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(150);

    private static async Task<IReadOnlyList<RunSample>> Run(double rate, TcpProfile profile,
        ArrivalSpec? arrivals = null, TimeSpan? duration = null)
    {
        var scenario = TestScenario.Proxy(arrivals ?? new ArrivalSpec.Constant(rate), duration ?? Duration, profile);
        return await new LocalCluster(scenario).Clock.RunAsync(null, TestContext.Current.CancellationToken);
    }

    private static IEnumerable<long> SteadyTimeWait(IReadOnlyList<RunSample> samples) =>
        samples.Where(s => s.VirtualTime >= TimeSpan.FromSeconds(70)).Select(s => s.Hosts.Sum(h => h.TimeWait));

    [Fact]
    public async Task Below_both_bounds_the_count_is_the_close_rate_times_the_time_wait_length()
    {
        var samples = await Run(100, TcpProfile.Default);                    // 100/s × 60 s = 6,000 < 28,232 ports
        Assert.All(SteadyTimeWait(samples), tw => Assert.InRange(tw, 5_999, 6_001));
    }

    [Fact]
    public async Task With_fewer_ports_than_that_the_ports_per_destination_bound_it_and_connect_fails()
    {
        var profile = TcpProfile.Default with { IpLocalPortRangeLow = 40000, IpLocalPortRangeHigh = 41999 };
        var samples = await Run(1_000, profile);                             // 60,000 wanted, 2,000 ports
        Assert.All(SteadyTimeWait(samples), tw => Assert.Equal(2_000, tw));
        var proxy = samples[^1].Hosts.Single(h => h.ClientGroup == 0);
        Assert.True(proxy.Outcomes.PortExhausted > 100_000, $"{proxy.Outcomes.PortExhausted} EADDRNOTAVAIL");
    }

    [Fact]
    public async Task With_fewer_buckets_than_that_tcp_max_tw_buckets_bounds_it_and_the_rest_overflow()
    {
        var samples = await Run(100, TcpProfile.Default with { TcpMaxTwBuckets = 500 });
        Assert.All(SteadyTimeWait(samples), tw => Assert.Equal(500, tw));
        var proxy = samples[^1].Hosts.Single(h => h.ClientGroup == 0);
        Assert.True(proxy.Counters[(int)TcpExt.TCPTimeWaitOverflow] > 10_000);
        Assert.Equal(0, proxy.Outcomes.PortExhausted);                      // no TIME_WAIT, so the ports stay free
    }

    [Fact]
    public async Task Under_poisson_arrivals_the_count_is_poisson_with_mean_and_variance_the_close_rate_times_60_s()
    {
        const double Rate = 20;                                              // λ·60 = 1,200 records on average
        var samples = await Run(Rate, TcpProfile.Default, new ArrivalSpec.Poisson(Rate), TimeSpan.FromSeconds(2_470));
        var counts = samples.Where(s => s.VirtualTime.TotalSeconds >= 70 && (s.VirtualTime.TotalSeconds - 70) % 60 == 0)
            .Select(s => (double)s.Hosts.Sum(h => h.TimeWait)).ToList();
        Assert.Equal(41, counts.Count);                                      // 70, 130, ..., 2,470 s

        const double Mean = Rate * 60;
        var moments = Moments.Of(counts);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"TIME_WAIT over {counts.Count} instants: mean {moments.Mean:0.0}, variance {moments.Variance:0}; "
            + $"λ·60 = {Mean}");
        Confidence.MeanWithin(moments, Mean, Mean, "TIME_WAIT records");
        Confidence.VarianceWithin(moments, Mean, Mean * (1 + 3 * Mean), "TIME_WAIT records");   // Poisson μ4 = λ(1+3λ)
    }
}
