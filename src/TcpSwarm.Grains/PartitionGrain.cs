using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>This silo's hosts of one run: drives its <see cref="HostPartition"/> through each window, calls its host
/// grains, and exchanges arrivals with the run's other partitions.</summary>
/// <remarks><see cref="RunWindowAsync"/> is the order of a window, top to bottom (docs/architecture.md): the engine's
/// objects are steps it calls, and none of them calls back into a grain.</remarks>
[RunPlacement]
public sealed class PartitionGrain(RunRegistry runs, ArrivalCodec codec, IPartitionObserver observer)
    : Grain, IPartitionGrain
{
    private readonly List<Task> _deliveries = [];
    private readonly List<(int To, int Bytes)> _messages = [];
    private HostPartition? _partition;
    private GrainHostInvoker? _hosts;
    private RunContext? _context;
    private IPartitionGrain[] _peers = [];
    private long _windows;

    private HostPartition Partition =>
        _partition ?? throw new InvalidOperationException($"partition {this.GetPrimaryKeyString()} was not prepared");

    public Task<Instant> PrepareAsync(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (_partition is null)
        {
            var (_, index) = GrainKeys.ParsePartition(this.GetPrimaryKeyString());
            var context = _context = runs.Join(setup);
            _peers = new IPartitionGrain[context.Silos.Count];
            for (int p = 0; p < _peers.Length; p++)
                _peers[p] = GrainFactory.GetGrain<IPartitionGrain>(
                    GrainKeys.Partition(setup.RunId, p, context.Silos[p]));
            _partition = new HostPartition(context.Scenario, context.Network, context.Map, index);
            _hosts = new GrainHostInvoker(GrainFactory, setup.RunId);
            observer.Started();
        }
        return Task.FromResult(_partition.NextEventAt());
    }

    /// <summary>One window of this partition, in order: (1) inject: the attackers' SYNs and every event due before the
    /// window's end (the arrivals peers delivered for it among them) go into their hosts' batches; (2) run the hosts,
    /// one one-way call per host grain with its batch handed over by reference; (3) collect what they sent and
    /// exchange: one message per partition with arrivals for it, by value (it crosses silos); (4) report to the
    /// clock.</summary>
    public async Task<Immutable<PartitionWindow>> RunWindowAsync(Instant windowEnd)
    {
        _windows++;
        var partition = Partition;
        var batches = partition.BeginWindow(windowEnd);                      // 1. inject
        if (batches.Count > 0) await _hosts!.RunWindowAsync(batches, windowEnd);   // 2. run hosts
        partition.CollectOutputs();
        var (messages, bytes) = await ExchangeAsync(partition, windowEnd);   // 3. exchange
        return new(partition.EndWindow(messages, bytes));                    // 4. report
    }

    // Each other partition's arrivals in one message, all at once; done when every receiver holds its own.
    private async Task<(int Messages, long Bytes)> ExchangeAsync(HostPartition partition, Instant windowEnd)
    {
        _deliveries.Clear();
        _messages.Clear();
        for (int to = 0; to < _peers.Length; to++)
        {
            var arrivals = partition.Outbox(to);
            if (arrivals.Count == 0) continue;
            var payload = codec.Encode(arrivals);                 // now: the outbox is the partition's, reused
            _messages.Add((to, payload.Length));
            _deliveries.Add(_peers[to].DeliverAsync(partition.Index, windowEnd, payload));
        }
        if (_deliveries.Count == 0) return (0, 0);
        await Task.WhenAll(_deliveries);
        long bytes = 0;
        foreach (var (to, length) in _messages)
        {
            bytes += length;
            observer.Exchanged(_context!.Silos[to], 1, length);
        }
        return (_messages.Count, bytes);
    }

    public Task DeliverAsync(int from, Instant windowEnd, byte[] payload)
    {
        Partition.Deliver(from, windowEnd, codec.Decode(payload));
        return Task.CompletedTask;
    }

    public Task InjectAsync(Immutable<(Segment Segment, Instant At)[]> segments)
    {
        foreach (var (segment, at) in segments.Value) Partition.Inject(in segment, at);
        return Task.CompletedTask;
    }

    public async Task<Immutable<PartitionSample>> SampleAsync(Instant now)
    {
        var partition = Partition;
        var sample = partition.Sample(await _hosts!.SampleAsync(partition.Hosts, now));
        observer.Sampled(_context!.Scenario, new RunSample(now - Instant.Zero, sample.Hosts, _windows,
            partition.Events, sample.Attackers));
        return new(sample);
    }

    public async Task<Immutable<TraceRecord[]>> TraceAsync() => new([.. await _hosts!.TraceAsync(Partition.Hosts)]);

    public async Task ForgetAsync()
    {
        if (_partition is not null) await _hosts!.ForgetAsync(_partition.Hosts);
        if (_context is not null) runs.Forget(_context.RunId);
        DeactivateOnIdle();
    }
}
