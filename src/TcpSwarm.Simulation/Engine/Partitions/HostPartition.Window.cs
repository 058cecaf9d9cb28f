using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <remarks>The steps of one window, in the order its driver calls them (docs/architecture.md, "A window, top to
/// bottom"): <see cref="BeginWindow"/>, the hosts run their batches, <see cref="CollectOutputs"/>, each
/// <see cref="Outbox"/> goes to its partition, <see cref="EndWindow"/>.</remarks>
public sealed partial class HostPartition
{
    private long[] _receivedBefore = [];
    private long _windowEvents;

    /// <summary>Begins the window ending at <paramref name="windowEnd"/>: closes the books on earlier windows'
    /// deliveries, lets the attackers send their SYNs, and puts every event due before the end in its host's batch.
    /// </summary>
    /// <returns>The batches of the hosts with events, in address order; the partition's own, to be run and then
    /// collected with <see cref="CollectOutputs"/> before the next window.</returns>
    public IReadOnlyList<HostBatch> BeginWindow(Instant windowEnd)
    {
        _receivedBefore = (long[])_received.Clone();              // every earlier window's deliveries are in
        for (int p = 0; p < _early.Length; p++)
        {
            _received[p] += _early[p];
            _early[p] = 0;
        }
        _window = windowEnd;
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
        _windowEvents = events;
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
                else _outbox[p].Add(a);
            }
            foreach (var w in batch.Output.Wakeups) _queue.Enqueue(batch.Host, w);
            batch.Events.Clear();
            batch.Output.Clear();
        }
        _due.Clear();
    }

    /// <summary>This window's arrivals for partition <paramref name="to"/>'s hosts (empty: none, and no message);
    /// the partition's own list until <see cref="EndWindow"/>, so a receiver reads it before then.</summary>
    public IReadOnlyList<Arrival> Outbox(int to) => _outbox[to];

    /// <summary>Ends the window once every receiver holds its outbox: counts what was sent and gives the clock the
    /// window's figures.</summary>
    /// <param name="messages">Messages the driver sent to other partitions (one per outbox with arrivals).</param>
    /// <param name="bytes">Bytes of those messages (0 in process).</param>
    public PartitionWindow EndWindow(int messages, long bytes)
    {
        var next = NextEventAt();                                 // arrivals delivered meanwhile included
        for (int p = 0; p < _outbox.Length; p++)
        {
            var box = _outbox[p];
            foreach (var a in box) next = Instant.Min(next, a.Event.At);
            _sent[p] += box.Count;
            box.Clear();
        }
        return new PartitionWindow(_windowEvents, next, (long[])_sent.Clone(), _receivedBefore, messages, bytes);
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
        var received = new long[_received.Length];
        for (int p = 0; p < received.Length; p++) received[p] = _received[p] + _early[p];
        return new PartitionSample(hosts, attackers, received);
    }
}
