using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Tests.Paths;
using TcpSwarm.Tcp;
using static TcpSwarm.Simulation.Tests.Engine.SessionRuns;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>accept: { workers, service }: each accepted connection occupies a worker for its service time, so
/// workers × (1 / service) bounds the accept rate, and bursts queue where evenly spaced arrivals at the same mean do
/// not.</summary>
public sealed class AcceptWorkersTests
{
    private static readonly SessionSpec OneRequest = TestScenario.OneRequest;

    private static AcceptSpec.Workers Workers(int count, double serviceMs) =>
        new(count, new LatencySpec.Fixed(TimeSpan.FromMilliseconds(serviceMs)));

    [Fact]
    public async Task Workers_times_one_over_the_service_time_bound_the_accept_rate()
    {
        // 4 workers × 1/10 ms = 400 accept()s a second against 2,000 arrivals a second for 5 s.
        var samples = await Run(Make(new ArrivalSpec.Poisson(2_000), OneRequest, TimeSpan.FromSeconds(5),
            accept: Workers(4, 10), addresses: 16));
        long bound = 4 * 5_000 / 10 + 4;                                     // + the first accept of each worker
        var server = Server(samples[^1]);
        Assert.InRange(server.Accepted, (long)(0.95 * bound), bound);       // saturated: the bound is reached
        Assert.True(Counter(server, TcpExt.ListenOverflows) > 0, "the rest overflowed");
        for (int i = 1; i < samples.Count; i++)                              // and in every second, not only on average
            Assert.InRange(Server(samples[i]).Accepted - Server(samples[i - 1]).Accepted, 0, 400 + 4);
    }

    [Fact]
    public async Task A_service_distribution_bounds_it_by_its_mean()
    {
        // Exponential service of mean 10 ms from 0: 4 workers still serve about 400/s on average.
        var service = new LatencySpec.Exponential(TimeSpan.Zero, TimeSpan.FromMilliseconds(10));
        var samples = await Run(Make(new ArrivalSpec.Poisson(2_000), OneRequest, TimeSpan.FromSeconds(10),
            accept: new AcceptSpec.Workers(4, service), addresses: 16));
        long accepted = Server(samples[^1]).Accepted;
        // A saturated pool accepts a renewal count: mean 4·10 s/10 ms = 4,000, variance about the same.
        Confidence.PoissonWithin(accepted, 4_000, "accepted by workers with exponential service");
    }

    [Fact]
    public async Task Bursty_poisson_arrivals_overflow_the_accept_queue_where_evenly_spaced_ones_at_the_mean_do_not()
    {
        // 8 workers × 2 ms serve 4,000/s; arrivals 3,600/s; backlog 8 (9 places in the accept queue).
        var accept = Workers(8, 2);
        var even = await Run(Make(new ArrivalSpec.Constant(3_600), OneRequest, TimeSpan.FromSeconds(5),
            accept: accept, backlog: 8, addresses: 64));
        var bursty = await Run(Make(new ArrivalSpec.Poisson(3_600), OneRequest, TimeSpan.FromSeconds(5),
            accept: accept, backlog: 8, addresses: 64));
        Assert.Equal(0, Counter(Server(even[^1]), TcpExt.ListenOverflows));
        Assert.True(Counter(Server(bursty[^1]), TcpExt.ListenOverflows) > 0,
            "Poisson bursts at 90% of the workers' capacity overflow a queue of 9");
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run()
    {
        var service = new LatencySpec.Uniform(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5));
        var scenario = Make(new ArrivalSpec.Poisson(3_000), OneRequest, TimeSpan.FromSeconds(2),
            accept: new AcceptSpec.Workers(8, service), backlog: 8, addresses: 8);
        var one = Server((await Run(scenario))[^1]);
        var two = Server((await Run(scenario))[^1]);
        Assert.Equal(one.Accepted, two.Accepted);
        Assert.Equal(one.Counters, two.Counters);
    }
}
