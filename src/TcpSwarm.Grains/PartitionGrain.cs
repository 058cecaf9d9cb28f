using System.Diagnostics;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains;

/// <summary>This silo's hosts of one run: drives its <see cref="HostPartition"/> window by window toward each target
/// the clock sets, calls its host grains, and exchanges arrivals and promises with the peers its paths cross to.
/// </summary>
/// <remarks><see cref="RunToAsync"/> and <see cref="RunWindowAsync"/> are the order of a leg and of a window, top to
/// bottom (docs/architecture.md): the engine's objects are steps they call, and none of them calls back into a grain.
/// </remarks>
[RunPlacement]
public sealed class PartitionGrain(RunRegistry runs, ArrivalCodec codec, IPartitionObserver observer)
    : Grain, IPartitionGrain
{
    // A leg returns at least this often, so the clock can check the cluster and pace between legs.
    private static readonly TimeSpan LegBudget = TimeSpan.FromSeconds(1);
    private HostPartition? _partition;
    private GrainHostInvoker? _hosts;
    private RunContext? _context;
    private IPartitionGrain[] _peers = [];
    private long[] _sentMessages = [];                            // to each peer: numbers its messages
    private readonly List<Task> _delivering = [];                 // messages this leg, until their peers hold them
    private PeerMessageOrder? _order;
    private TaskCompletionSource _delivered = new();
    private readonly List<Arrival> _arrivals = [];                // a peer's message, decoded; reused for every one

    private HostPartition Partition =>
        _partition ?? throw new InvalidOperationException($"partition {this.GetPrimaryKeyString()} was not prepared");

    public Task PrepareAsync(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (_partition is not null) return Task.CompletedTask;
        var (_, index) = GrainKeys.ParsePartition(this.GetPrimaryKeyString());
        var context = _context = runs.Join(setup);
        if (context.Silos.Count > 1) NetworkWorker.EnsureForPeers();
        _peers = new IPartitionGrain[context.Silos.Count];
        for (int p = 0; p < _peers.Length; p++)
            _peers[p] = GrainFactory.GetGrain<IPartitionGrain>(GrainKeys.Partition(setup.RunId, p, context.Silos[p]));
        _sentMessages = new long[_peers.Length];
        _order = new PeerMessageOrder(_peers.Length);
        _partition = new HostPartition(context.Scenario, context.Network, context.Map, index);
        _hosts = new GrainHostInvoker(GrainFactory, setup.RunId);
        observer.Started();
        return Task.CompletedTask;
    }

    /// <summary>One leg, in order: ask the partition what it can do; run a window, or tell the peers how far this
    /// partition has got and wait for one of theirs, until the target is reached or the budget spent; then make sure
    /// every peer holds its messages and report to the clock.</summary>
    public async Task<Immutable<PartitionLeg>> RunToAsync(Instant target)
    {
        var partition = Partition;
        var wall = Stopwatch.StartNew();
        var budget = Task.Delay(LegBudget);
        bool reached = false;
        long waiting = 0;
        while (wall.Elapsed < LegBudget)
        {
            var step = partition.Next(target);
            if (step.Kind == PartitionStepKind.Reached)
            {
                reached = true;
                break;
            }
            if (step.Kind == PartitionStepKind.Window)
            {
                await RunWindowAsync(partition, step);
                continue;
            }
            _delivered = new TaskCompletionSource();              // before the promises: a reply may come meanwhile
            long waitStart = Stopwatch.GetTimestamp();
            Send(partition);
            // Which comes first decides only when this leg returns, never which windows run: those follow the grid.
            await Task.WhenAny(_delivered.Task, budget);
            waiting += Stopwatch.GetTimestamp() - waitStart;
        }
        Send(partition);                                          // the promise this leg ends on
        await Task.WhenAll(_delivering);                          // the clock's books: every peer holds its own
        _delivering.Clear();
        double waited = (double)waiting / Stopwatch.Frequency;
        return new(partition.EndLeg(reached) with
        {
            RunSeconds = wall.Elapsed.TotalSeconds - waited,
            WaitSeconds = waited,
        });
    }

    /// <summary>One window of one track of this partition's hosts (its border or inner hosts), in order: (1) inject:
    /// the attackers' SYNs and every event due before the window's end (the arrivals peers delivered for it among
    /// them) go into their hosts' batches; (2) run the hosts, one one-way call per host grain with its batch handed
    /// over by reference; (3) collect what they sent and tell each peer: its arrivals, by value (they cross silos),
    /// and this partition's promise.</summary>
    private async Task RunWindowAsync(HostPartition partition, PartitionStep step)
    {
        var batches = partition.BeginWindow(step);                           // 1. inject
        if (batches.Count > 0) await _hosts!.RunWindowAsync(batches, step.WindowEnd);   // 2. run hosts
        partition.CollectOutputs();
        Send(partition);                                                     // 3. exchange
    }

    // A message to each peer with something new to hear, numbered so that the peer reads them in order; the leg
    // waits for its peers to hold them only at its end.
    private void Send(HostPartition partition)
    {
        var messages = partition.Messages();
        long bytes = 0;
        foreach (var m in messages)
        {
            var payload = codec.Encode(m.Arrivals);               // now: the outbox is the partition's, reused
            bytes += payload.Length;
            _delivering.Add(_peers[m.To].DeliverAsync(partition.Index, _sentMessages[m.To]++, m.Through, payload));
            observer.Exchanged(_context!.Silos[m.To], 1, payload.Length);
        }
        if (messages.Count > 0) NetworkWorker.LetMessagesLeave();
        partition.Sent(bytes);
    }

    public Task DeliverAsync(int from, long seq, Instant through, byte[] payload)
    {
        var partition = Partition;
        foreach (var (promise, arrivals) in _order!.Take(from, seq, through, payload))
        {
            codec.Decode(arrivals, _arrivals);
            partition.Deliver(from, _arrivals, promise);          // copies each arrival into its host's queue
        }
        _delivered.TrySetResult();
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
        observer.Sampled(_context!.Scenario, new RunSample(now - Instant.Zero, sample.Hosts, partition.Windows,
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
