using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Load;

/// <summary>arrivals: { stages }: a Poisson process whose rate ramps and holds as the stages say, from 0/s, and stops
/// after the last stage. Each stage's count is Poisson with mean the integral of the rate over it.</summary>
public sealed class StagesTests
{
    private static readonly ArrivalStage[] Steps =
    [
        new(1_000, TimeSpan.FromSeconds(10)),                         // ramp 0 -> 1,000/s: 5,000 expected
        new(1_000, TimeSpan.FromSeconds(20), Hold: true),             // hold: 20,000
        new(3_000, TimeSpan.Zero),                                    // a jump to 3,000/s
        new(3_000, TimeSpan.FromSeconds(5), Hold: true),              // spike held: 15,000
        new(500, TimeSpan.FromSeconds(10)),                           // ramp down 3,000 -> 500: 17,500
    ];

    private static readonly (double From, double To, double Expected)[] Windows =
    [
        (0, 10, 5_000), (10, 30, 20_000), (30, 35, 15_000), (35, 45, 17_500),
    ];

    private static ClientGroupSpec Group(int addresses) =>
        TestScenario.Group("k6", "10.0.0.0", addresses, "web", new ArrivalSpec.Stages(Steps),
            stop: TimeSpan.FromSeconds(60));

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    public void Each_stage_gets_a_poisson_count_whose_mean_is_the_integral_of_its_rate(int addresses)
    {
        var instants = Arrivals.Merged(Group(addresses));
        foreach (var (from, to, expected) in Windows)
        {
            long count = instants.Count(t => t >= Arrivals.Ns(from) && t < Arrivals.Ns(to));
            Confidence.PoissonWithin(count, expected, $"stage {from}-{to} s");
        }
    }

    [Fact]
    public void Within_a_ramp_the_count_follows_the_rising_rate()
    {
        // The first 5 s of the ramp 0 -> 1,000/s over 10 s hold a quarter of its 5,000: 1,250; the next 5 s 3,750.
        var instants = Arrivals.Merged(Group(4));
        Confidence.PoissonWithin(instants.Count(t => t < Arrivals.Ns(5)), 1_250, "first half of the ramp");
        Confidence.PoissonWithin(instants.Count(t => t >= Arrivals.Ns(5) && t < Arrivals.Ns(10)), 3_750,
            "second half of the ramp");
    }

    [Fact]
    public void Nothing_arrives_after_the_last_stage()
    {
        var instants = Arrivals.Merged(Group(4));
        Assert.NotEmpty(instants);
        Assert.True(instants[^1] < Arrivals.Ns(45), $"an arrival at {instants[^1]} ns, after the stages end at 45 s");
    }

    [Fact]
    public void The_same_seed_gives_the_same_instants_and_another_seed_others()
    {
        Assert.Equal(Arrivals.Merged(Group(4), 7), Arrivals.Merged(Group(4), 7));
        Assert.NotEqual(Arrivals.Merged(Group(4), 7), Arrivals.Merged(Group(4), 8));
    }

    [Fact]
    public void Asked_about_an_earlier_instant_the_schedule_replays_the_same_sequence()
    {
        var schedule = Simulation.Load.ConnectSchedule.For(Group(1), 0, 42);
        var first = schedule.Next(new Instant(-1));
        var later = schedule.Next(Instant.FromSeconds(20));
        Assert.Equal(first, schedule.Next(new Instant(-1)));
        Assert.Equal(later, schedule.Next(Instant.FromSeconds(20)));
    }
}
