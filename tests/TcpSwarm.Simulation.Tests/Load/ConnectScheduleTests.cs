using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Load.Arrivals;

namespace TcpSwarm.Simulation.Tests.Load;

/// <summary>Each arrival process split over a group's addresses: counts, spacing, window and seed.</summary>
public sealed class ConnectScheduleTests
{
    private static ClientGroupSpec Group(ArrivalSpec arrivals, int addresses, double startS, double stopS) =>
        TestScenario.Group("browsers", "10.0.0.0", addresses, "web", arrivals, TimeSpan.FromSeconds(startS),
            TimeSpan.FromSeconds(stopS));

    [Fact]
    public void A_constant_rate_gives_exactly_R_times_T_connects_evenly_spaced_across_the_addresses()
    {
        var group = Group(new ArrivalSpec.Constant(3000), addresses: 7, startS: 2, stopS: 12);

        var merged = Merged(group);

        Assert.Equal(30_000, merged.Count);
        Assert.Equal(Ns(2), merged[0]);                            // the first at Start
        Assert.All(Gaps(merged), gap => Assert.InRange(gap, 333_333, 333_334));   // 1/R, to the ns
        var perAddress = PerAddress(group);
        for (int i = 0; i < 7; i++) Assert.Equal(Ns(2) + (long)Math.Round(i * 1e9 / 3000), perAddress[i][0]);
    }

    [Fact]
    public void A_slow_constant_rate_counts_whole_arrivals_inside_the_window()
    {
        var merged = Merged(Group(new ArrivalSpec.Constant(2.5), addresses: 3, startS: 0, stopS: 10));

        Assert.Equal(25, merged.Count);                            // at 0, 0.4, ..., 9.6 s
        Assert.All(Gaps(merged), gap => Assert.Equal(400_000_000, gap));
    }

    [Fact]
    public void Poisson_arrivals_count_within_their_interval_with_exponential_gaps_per_address_and_for_the_group()
    {
        var group = Group(new ArrivalSpec.Poisson(2000), addresses: 4, startS: 0, stopS: 50);

        var perAddress = PerAddress(group);
        var merged = Merged(group);

        Confidence.PoissonWithin(merged.Count, 2000 * 50, "group");
        foreach (var instants in perAddress) Confidence.PoissonWithin(instants.Count, 500 * 50, "address");
        Confidence.CoefficientOfVariationNearOne(Moments.Of(perAddress.SelectMany(Gaps).ToList()), "address gaps");
        Confidence.CoefficientOfVariationNearOne(Moments.Of(Gaps(merged)), "group gaps");
        Assert.All(merged, t => Assert.InRange(t, 0, Ns(50) - 1));
    }

    [Fact]
    public void A_ramp_connects_as_often_as_the_integral_of_its_rate_over_the_ramp_and_after_it()
    {
        // 100/s rising to 1100/s over 10 s from Start (5 s), then 1100/s for 10 s more: 6000 + 11000 expected,
        // 100·5 + 100·5²/2 = 1750 of them in the ramp's first 5 s.
        var group = Group(new ArrivalSpec.Ramp(100, 1100, TimeSpan.FromSeconds(10)), addresses: 8, startS: 5,
            stopS: 25);

        var merged = Merged(group);

        Confidence.PoissonWithin(merged.Count, 17_000, "whole ramp");
        Confidence.PoissonWithin(merged.Count(t => t < Ns(10)), 1_750, "first half of the ramp");
        Confidence.PoissonWithin(merged.Count(t => t >= Ns(15)), 11_000, "after the ramp");
        Assert.All(merged, t => Assert.InRange(t, Ns(5), Ns(25) - 1));
    }

    [Fact]
    public void A_ramp_down_to_zero_stops_connecting_when_the_rate_reaches_zero()
    {
        var merged = Merged(Group(new ArrivalSpec.Ramp(1000, 0, TimeSpan.FromSeconds(10)), addresses: 3, startS: 0,
            stopS: 60));

        Confidence.PoissonWithin(merged.Count, 5_000, "ramp down");
        Assert.All(merged, t => Assert.True(t < Ns(10)));
    }

    [Fact]
    public void Bursts_put_size_connects_at_each_burst_instant_the_first_addresses_taking_the_remainder()
    {
        var group = Group(new ArrivalSpec.Bursts(10, TimeSpan.FromSeconds(1)), addresses: 4, startS: 0.5,
            stopS: 5.5);

        var perAddress = PerAddress(group);
        var merged = Merged(group);

        Assert.Equal(50, merged.Count);
        long[] bursts = [Ns(0.5), Ns(1.5), Ns(2.5), Ns(3.5), Ns(4.5)];
        Assert.Equal(bursts, merged.Distinct());
        Assert.All(bursts, b => Assert.Equal(10, merged.Count(t => t == b)));
        Assert.Equal(new[] { 15, 15, 10, 10 }, perAddress.Select(a => a.Count));
    }

    [Fact]
    public void A_burst_smaller_than_the_group_leaves_the_last_addresses_idle()
    {
        var group = Group(new ArrivalSpec.Bursts(3, TimeSpan.FromSeconds(2)), addresses: 4, startS: 0, stopS: 10);

        Assert.Equal(new[] { 5, 5, 5, 0 }, PerAddress(group).Select(a => a.Count));
        Assert.Equal(Instant.Never, ConnectSchedule.For(group, 3, 42).Next(new Instant(-1), out int none));
        Assert.Equal(0, none);
    }

    [Theory]
    [InlineData(10, 4)]
    [InlineData(3, 8)]
    [InlineData(100_000_000, 65_536)]
    public void Closed_loop_shares_sum_to_the_concurrency_and_schedule_nothing(int concurrent, int addresses)
    {
        var group = Group(new ArrivalSpec.ClosedLoop(concurrent), addresses, 0, 60);

        var shares = Enumerable.Range(0, addresses).Select(i => ConnectSchedule.For(group, i, 42)).ToList();

        Assert.Equal(concurrent, shares.Sum(s => (long)s.Concurrent));
        Assert.All(shares, s => Assert.True(s.IsClosedLoop));
        Assert.All(shares, s => Assert.InRange(s.Concurrent, concurrent / addresses, concurrent / addresses + 1));
        Assert.Equal(Instant.Never, shares[0].Next(new Instant(-1)));
        Assert.True(shares.Zip(shares.Skip(1)).All(p => p.First.Concurrent >= p.Second.Concurrent));
    }

    [Fact]
    public void Open_processes_are_not_closed_loops_and_nothing_comes_at_or_after_stop()
    {
        var schedule = ConnectSchedule.For(Group(new ArrivalSpec.Constant(10), 1, 0, 1), 0, 42);

        Assert.False(schedule.IsClosedLoop);
        Assert.Equal(0, schedule.Concurrent);
        Assert.Equal(new Instant(Ns(0.9)), schedule.Next(new Instant(Ns(0.85))));
        Assert.Equal(Instant.Never, schedule.Next(new Instant(Ns(0.9))));
        Assert.Equal(Instant.Never, schedule.Next(Instant.Never));
    }

    [Theory]
    [InlineData("poisson")]
    [InlineData("ramp")]
    public void The_same_seed_gives_the_same_arrivals_and_next_answers_any_instant_even_an_earlier_one(string kind)
    {
        ArrivalSpec arrivals = kind == "poisson"
            ? new ArrivalSpec.Poisson(500)
            : new ArrivalSpec.Ramp(0, 800, TimeSpan.FromSeconds(5));
        var group = Group(arrivals, 5, 1, 11);
        var first = PerAddress(group, seed: 9);

        Assert.Equal(first, PerAddress(group, seed: 9));
        Assert.NotEqual(first, PerAddress(group, seed: 10));
        var schedule = ConnectSchedule.For(group, 2, 9);
        var instants = first[2];
        var pick = new SimRandom(3);
        for (int i = 0; i < 500; i++)
        {
            int k = (int)pick.NextBelow((uint)instants.Count);  // any order: forward jumps and rewinds
            Assert.Equal(instants[k], schedule.Next(new Instant(instants[k] - 1)).Nanoseconds);
            long expected = k + 1 < instants.Count ? instants[k + 1] : Instant.Never.Nanoseconds;
            Assert.Equal(expected, schedule.Next(new Instant(instants[k])).Nanoseconds);   // strictly after
        }
    }

    [Fact]
    public void An_address_index_outside_the_group_is_refused()
    {
        var group = Group(new ArrivalSpec.Poisson(1), 4, 0, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectSchedule.For(group, 4, 42));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectSchedule.For(group, -1, 42));
    }
}
