using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <remarks>The steps of a leg, in the order its driver calls them (docs/architecture.md, "A window, top to bottom"):
/// <see cref="Next"/> says what to do; for a window, <see cref="BeginWindow"/>, the hosts run their batches,
/// <see cref="CollectOutputs"/>, <see cref="Messages"/> go to their peers, <see cref="Sent"/>; to wait, the
/// driver sends <see cref="Messages"/> (promises) and waits for a peer's <see cref="Deliver"/>; at the target,
/// <see cref="EndLeg"/>.</remarks>
public sealed partial class HostPartition
{
    private readonly List<PeerMessage> _messages = [];
    private long _legEvents, _legWindows, _legWaits, _legMessages, _legBytes, _peakBytes;
    private int _peakMessages;
    private bool _waiting;

    /// <summary>What this partition can do next on its way to <paramref name="target"/>, a window boundary: run the
    /// window of its earliest event once no peer can still send into it, else wait, else nothing.</summary>
    public PartitionStep Next(Instant target)
    {
        var safe = _horizon.Safe;
        var next = NextEventAt();
        if (next < target)
        {
            var end = _grid.WindowEndAfter(next);
            if (end > target) throw new ArgumentException($"{target} is not a window boundary", nameof(target));
            if (end <= safe)
            {
                _waiting = false;
                return PartitionStep.Window(end);
            }
        }
        else if (safe >= target)
        {
            return PartitionStep.Reached;
        }
        if (!_waiting) _legWaits++;
        _waiting = true;
        return PartitionStep.Wait;
    }

    /// <summary>The promise this partition can give now: it will send nothing before this instant, since its hosts
    /// send only while handling an event, its own next one or an arrival no peer can bring earlier.</summary>
    public Instant Through => Instant.Min(NextEventAt(), _horizon.Safe);

    /// <summary>Begins the window ending at <paramref name="windowEnd"/>: lets the attackers send their SYNs, and puts
    /// every event due before the end in its host's batch.</summary>
    /// <returns>The batches of the hosts with events, in address order; the partition's own, to be run and then
    /// collected with <see cref="CollectOutputs"/> before the next window.</returns>
    public IReadOnlyList<HostBatch> BeginWindow(Instant windowEnd)
    {
        _window = windowEnd;
        Windows++;
        _legWindows++;
        long events = 0;
        SendAttacks(windowEnd);
        while (_queue.TryDequeueBefore(windowEnd, out uint host, out var e))
        {
            events++;
            Batch(host).Events.Add(e);
        }
        foreach (var a in _attackers)
        {
            if (a.InFlight.Count == 0 || a.InFlight.Peek().At >= windowEnd) continue;
            var batch = Batch(a.Target);
            while (a.InFlight.TryPeek(out var syn) && syn.At < windowEnd)
            {
                events++;
                batch.Events.Add(a.InFlight.Dequeue());
            }
        }
        Events += events;
        _legEvents += events;
        _due.Sort((a, b) => a.Host.CompareTo(b.Host));
        return _due;
    }

    /// <summary>Takes what the hosts produced in the window: arrivals for this partition's hosts and their own wake-ups
    /// into the queue, arrivals for other partitions' hosts into those partitions' outboxes; the batches are emptied
    /// for the next window.</summary>
    public void CollectOutputs()
    {
        foreach (var batch in _due)                               // address order: the queue's ties stay put
        {
            foreach (var a in batch.Output.Arrivals)
            {
                int p = _map.Count == 1 ? 0 : _map.Of(a.To);
                if (p == Index) _queue.Enqueue(a.To, a.Event);
                else if (_paths.Lookahead(Index, p) is null)
                    throw new InvalidOperationException($"{Ipv4.Format(a.To)} on partition {p} got a segment from " +
                        $"partition {Index}, which no path joins");
                else _outbox[p].Add(a);
            }
            foreach (var w in batch.Output.Wakeups) _queue.Enqueue(batch.Host, w);
            batch.Events.Clear();
            batch.Output.Clear();
        }
        _due.Clear();
    }

    /// <summary>What to tell each peer this partition can send to, now: the arrivals for its hosts since the last
    /// message and the promise <see cref="Through"/>; a peer with nothing new to hear gets no message. The lists are
    /// the partition's own until <see cref="Sent"/>, so a receiver takes them before then.</summary>
    public IReadOnlyList<PeerMessage> Messages()
    {
        _messages.Clear();
        var through = Through;
        foreach (int to in _paths.Outbound[Index])
            if (_outbox[to].Count > 0 || through > _promised[to])
                _messages.Add(new PeerMessage(to, _outbox[to], through));
        return _messages;
    }

    /// <summary>The driver sent every one of the last <see cref="Messages"/>, <paramref name="bytes"/> in all (0 in
    /// process): counts them and empties the outboxes.</summary>
    public void Sent(long bytes)
    {
        foreach (var m in _messages)
        {
            _sent[m.To] += m.Arrivals.Count;
            _promised[m.To] = m.Through;
            _outbox[m.To].Clear();
        }
        _legMessages += _messages.Count;
        _legBytes += bytes;
        _peakMessages = Math.Max(_peakMessages, _messages.Count);
        _peakBytes = Math.Max(_peakBytes, bytes);
        _messages.Clear();
    }

    /// <summary>Where this partition stands, for an error message: its next event, how far it is safe, its promise.
    /// </summary>
    public string Describe() => $"partition {Index}: next event {NextEventAt()}, safe to {_horizon.Safe}, " +
        $"promised {Through} ({_horizon})";

    /// <summary>This partition's figures since the last leg; <paramref name="reached"/>: whether it got to the leg's
    /// target.</summary>
    public PartitionLeg EndLeg(bool reached)
    {
        var leg = new PartitionLeg(reached, _legEvents, _legWindows, _legWaits, (long[])_sent.Clone(),
            (long[])_received.Clone(), _legMessages, _legBytes, _peakMessages, _peakBytes);
        _legEvents = _legWindows = _legWaits = _legMessages = _legBytes = _peakBytes = 0;
        _peakMessages = 0;
        return leg;
    }

    // The host's batch for this window, listed as due the first time it gets an event.
    private HostBatch Batch(uint host)
    {
        if (!_batches.TryGetValue(host, out var batch))
        {
            batch = new HostBatch { Host = host };
            _batches.Add(host, batch);
        }
        if (batch.Events.Count == 0) _due.Add(batch);
        return batch;
    }

    // Spoofed SYNs leave on the attacker's schedule; each lands at least the lookahead later, in a later window.
    private void SendAttacks(Instant windowEnd)
    {
        foreach (var a in _attackers)
        {
            while (a.HasNext && a.NextAt < windowEnd)
            {
                a.Sent++;
                var transit = _network.Send(in a.NextSyn, a.NextAt, ref a.Random);
                if (transit.Fate is TransitFate.Delivered or TransitFate.Duplicated)
                {
                    Fly(a, new HostEvent(HostEventKind.Arrival, transit.FirstArrival, a.Source, a.Seq++, a.NextSyn));
                    if (transit.Fate == TransitFate.Duplicated)
                        Fly(a, new HostEvent(HostEventKind.Arrival, transit.SecondArrival, a.Source, a.Seq++,
                            a.NextSyn));
                }
                else
                {
                    a.Lost++;
                }
                a.Advance();
            }
        }
    }

    // A flood's SYNs mostly arrive in the order they left (a fixed latency): those wait in the attacker's own queue,
    // in order, and skip the heap; one that would arrive before the last one waiting goes to the heap instead.
    private void Fly(Attacker a, in HostEvent syn)
    {
        if (a.InFlight.Count == 0 || syn.At >= a.Tail)
        {
            a.InFlight.Enqueue(syn);
            a.Tail = syn.At;
        }
        else
        {
            _queue.Enqueue(a.Target, syn);
        }
    }

    /// <summary>This partition's part of a sample: its hosts' samples (address order, read by the driver) and its
    /// attackers' counts, zero for the others.</summary>
    public PartitionSample Sample(IReadOnlyList<HostSample> hosts)
    {
        var attackers = new (long SpoofedSyns, long Lost)[_scenario.Attackers.Count];
        foreach (var a in _attackers) attackers[a.Index] = (a.Sent, a.Lost);
        return new PartitionSample(hosts, attackers, (long[])_received.Clone());
    }
}
