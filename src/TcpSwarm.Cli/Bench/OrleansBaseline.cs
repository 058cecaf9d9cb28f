using System.Diagnostics;
using TcpSwarm.Grains.Bench;

namespace TcpSwarm.Cli.Bench;

/// <summary>The Orleans baseline, measured on the same silo as TcpSwarm's workloads: one-way messages among live
/// grains, and activations of an empty grain.</summary>
internal sealed class OrleansBaseline(IGrainFactory grains, BenchPlan plan)
{
    // Each round's grains get keys of their own, so a round never meets an earlier round's activations.
    private const long RoundStride = 1L << 32;
    private const long RingSpace = 1L << 40;

    /// <summary>One ring round: the grains are activated and joined first (untimed), then the tokens start evenly
    /// spaced around the ring, and the clock stops when the tally has heard every token's last hop.</summary>
    /// <returns>Messages (ring hops) per wall second.</returns>
    public async Task<double> RingAsync(int round)
    {
        long first = RingSpace + round * RoundStride;
        var joins = new List<Task>(plan.RingGrains);
        for (int i = 0; i < plan.RingGrains; i++)
        {
            long next = first + (i + 1) % plan.RingGrains;
            joins.Add(grains.GetGrain<IBenchRingGrain>(first + i).JoinAsync(next, tallyKey: first));
            if (joins.Count == plan.ActivationsInFlight) await Drain(joins);
        }
        await Drain(joins);
        var tally = grains.GetGrain<IBenchTallyGrain>(first);

        var wall = Stopwatch.StartNew();
        for (int t = 0; t < plan.RingTokens; t++)
            await grains.GetGrain<IBenchRingGrain>(first + (long)t * plan.RingGrains / plan.RingTokens)
                .PassAsync(plan.RingHops);
        await tally.WaitAsync(plan.RingTokens);
        wall.Stop();
        long messages = (long)plan.RingTokens * (plan.RingHops + 1);     // hops RingHops..0, each one call
        return messages / wall.Elapsed.TotalSeconds;
    }

    /// <summary>One activation round: fresh keys, <see cref="BenchPlan.ActivationsInFlight"/> first calls in flight.
    /// </summary>
    /// <returns>Activations per wall second.</returns>
    public async Task<double> ActivationsAsync(int round)
    {
        long first = round * RoundStride;
        long next = first;
        long end = first + plan.Activations;
        var wall = Stopwatch.StartNew();
        var workers = new Task[plan.ActivationsInFlight];
        for (int w = 0; w < workers.Length; w++) workers[w] = Worker();
        await Task.WhenAll(workers);
        wall.Stop();
        return plan.Activations / wall.Elapsed.TotalSeconds;

        async Task Worker()
        {
            for (long key = Interlocked.Increment(ref next) - 1; key < end; key = Interlocked.Increment(ref next) - 1)
                await grains.GetGrain<IBenchEmptyGrain>(key).PingAsync();
        }
    }

    private static async Task Drain(List<Task> calls)
    {
        await Task.WhenAll(calls);
        calls.Clear();
    }
}
