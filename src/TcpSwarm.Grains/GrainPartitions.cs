using System.Diagnostics;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>The clock's way to a run's partitions when they are grains: each call to all of them at once, the answers
/// in partition order.</summary>
public sealed class GrainPartitions(IGrainFactory grains, RunSetup setup) : IPartitions
{
    private readonly IPartitionGrain[] _partitions = [.. setup.Silos.Select((silo, p) =>
        grains.GetGrain<IPartitionGrain>(GrainKeys.Partition(setup.RunId, p, silo)))];

    public int Count => _partitions.Length;

    /// <summary>Wall seconds the clock's barriers added so far: per leg, the wall time of the call to every
    /// partition minus the longest any partition spent in it (running windows or waiting for peers), so what the
    /// calls, the answers and gathering them cost.</summary>
    public double BarrierSeconds { get; private set; }

    /// <summary>Registers the run on every partition's silo and builds each partition.</summary>
    public Task PrepareAsync() => Task.WhenAll(_partitions.Select(p => p.PrepareAsync(setup)));

    /// <summary>Every partition's leg; fails as soon as one call fails (a lost silo), without waiting for the others,
    /// which return within their budget anyway.</summary>
    public async ValueTask<IReadOnlyList<PartitionLeg>> RunToAsync(Instant target)
    {
        long start = Stopwatch.GetTimestamp();
        var calls = new Task<Immutable<PartitionLeg>>[_partitions.Length];
        for (int p = 0; p < calls.Length; p++) calls[p] = _partitions[p].RunToAsync(target);
        var pending = new List<Task<Immutable<PartitionLeg>>>(calls);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);               // the order only: legs are read in partition order
            await done;                                           // rethrows a failed call's exception
            pending.Remove(done);
        }
        var legs = calls.Select(c => c.Result.Value).ToArray();
        double longest = legs.Max(l => l.RunSeconds + l.WaitSeconds);
        BarrierSeconds += Math.Max(0, Stopwatch.GetElapsedTime(start).TotalSeconds - longest);
        return legs;
    }

    public async ValueTask<IReadOnlyList<PartitionSample>> SampleAsync(Instant now)
    {
        var results = await Task.WhenAll(_partitions.Select(p => p.SampleAsync(now)));
        return [.. results.Select(r => r.Value)];
    }

    public async ValueTask<IReadOnlyList<TraceRecord>> TraceAsync()
    {
        var results = await Task.WhenAll(_partitions.Select(p => p.TraceAsync()));
        return [.. results.SelectMany(r => r.Value)];
    }

    /// <summary>Forgets the run on every partition that still answers.</summary>
    public async Task ForgetAsync()
    {
        foreach (var p in _partitions)
        {
            try
            {
                await p.ForgetAsync();
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansException or TimeoutException)
            {
                // A lost silo took its partition with it: nothing is left there to forget.
            }
        }
    }
}
