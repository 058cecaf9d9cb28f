using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>A thin shell around a <see cref="HostPartition"/>: this silo's hosts of one run, and their arrivals to and
/// from the run's other partitions.</summary>
[RunPlacement]
public sealed class PartitionGrain(RunRegistry runs, ArrivalCodec codec, IPartitionObserver observer)
    : Grain, IPartitionGrain, IArrivalExchange
{
    private HostPartition? _partition;
    private RunContext? _context;
    private IPartitionGrain[] _peers = [];
    private long _windows;

    private HostPartition Partition =>
        _partition ?? throw new InvalidOperationException($"partition {this.GetPrimaryKeyString()} was not prepared");

    public Task<long> PrepareAsync(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (_partition is null)
        {
            var (_, index) = GrainKeys.ParsePartition(this.GetPrimaryKeyString());
            var context = _context = runs.Join(setup);
            _peers = new IPartitionGrain[context.Silos.Count];
            for (int p = 0; p < _peers.Length; p++)
                _peers[p] = GrainFactory.GetGrain<IPartitionGrain>(GrainKeys.Partition(setup.RunId, p, context.Silos[p]));
            _partition = new HostPartition(context.Scenario, context.Network, context.Map, index,
                new GrainHostInvoker(GrainFactory, setup.RunId));
            observer.Started();
        }
        return Task.FromResult(_partition.NextEventAt().Nanoseconds);
    }

    public async Task<Immutable<PartitionWindow>> RunWindowAsync(long windowEndNanoseconds)
    {
        _windows++;
        return new(await Partition.RunWindowAsync(new Instant(windowEndNanoseconds), this));
    }

    public Task DeliverAsync(int from, long windowEndNanoseconds, byte[] payload)
    {
        Partition.Deliver(from, new Instant(windowEndNanoseconds), codec.Decode(payload));
        return Task.CompletedTask;
    }

    public async ValueTask<long> SendAsync(int from, int to, Instant window, IReadOnlyList<Arrival> arrivals)
    {
        var payload = codec.Encode(arrivals);                     // before the first await: the list is the caller's
        await _peers[to].DeliverAsync(from, window.Nanoseconds, payload);
        observer.Exchanged(_context!.Silos[to], 1, payload.Length);
        return payload.Length;
    }

    public Task InjectAsync(Immutable<(Segment Segment, long AtNanoseconds)[]> segments)
    {
        foreach (var (segment, at) in segments.Value) Partition.Inject(in segment, new Instant(at));
        return Task.CompletedTask;
    }

    public async Task<Immutable<PartitionSample>> SampleAsync(long virtualTimeTicks)
    {
        var sample = await Partition.SampleAsync(Instant.Zero + TimeSpan.FromTicks(virtualTimeTicks));
        observer.Sampled(_context!.Scenario, new RunSample(TimeSpan.FromTicks(virtualTimeTicks), sample.Hosts, _windows,
            Partition.Events, sample.Attackers));
        return new(sample);
    }

    public async Task<Immutable<TraceRecord[]>> TraceAsync() => new([.. await Partition.TraceAsync()]);

    public async Task ForgetAsync()
    {
        if (_partition is not null) await _partition.ForgetAsync();
        if (_context is not null) runs.Forget(_context.RunId);
        DeactivateOnIdle();
    }
}
