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
    private IReadOnlyList<Instant> _first = [];

    public int Count => _partitions.Length;

    /// <summary>Registers the run on every partition's silo and builds each partition.</summary>
    public async Task PrepareAsync() => _first = await Task.WhenAll(_partitions.Select(p => p.PrepareAsync(setup)));

    public ValueTask<IReadOnlyList<Instant>> FirstEventsAsync() => ValueTask.FromResult(_first);

    public async ValueTask<IReadOnlyList<PartitionWindow>> RunWindowAsync(Instant windowEnd)
    {
        var calls = new Task<Immutable<PartitionWindow>>[_partitions.Length];
        for (int p = 0; p < calls.Length; p++) calls[p] = _partitions[p].RunWindowAsync(windowEnd);
        var results = await Task.WhenAll(calls);
        return [.. results.Select(r => r.Value)];
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
