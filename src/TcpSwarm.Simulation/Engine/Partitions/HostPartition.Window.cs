using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <remarks>The steps of a leg, in the order its driver calls them (docs/architecture.md, "A window, top to bottom"):
/// <see cref="Next"/> says what to do; for a window of one track, <see cref="BeginWindow"/>, the hosts run their
/// batches, <see cref="CollectOutputs"/>, <see cref="Messages"/> go to their peers, <see cref="Sent"/>; to wait, the
/// driver sends <see cref="Messages"/> (promises) and waits for a peer's <see cref="Deliver"/>; at the target,
/// <see cref="EndLeg"/>.</remarks>
public sealed partial class HostPartition
{
    private readonly List<PeerMessage> _messages = [];
    private long _legEvents, _legWindows, _legWaits, _legMessages, _legBytes, _peakBytes;
    private int _peakMessages;
    private bool _waiting;

    /// <summary>What this partition can do next on its way to <paramref name="target"/>, a window boundary: run the
    /// window of a track's earliest event, once nothing can still arrive in it, else wait, else nothing.</summary>
    /// <remarks>Each track's hosts run the window of their earliest event once the other track has nothing left in
    /// an earlier window: what one track sends the other lands at least the lookahead later, after the window's end.
    /// The border hosts also wait for their peers' promises; the inner hosts hear from no peer, so they run while a
    /// promise is on its way, after the border hosts have sent theirs. The border goes first when both can.</remarks>
    public PartitionStep Next(Instant target)
    {
        var safe = _horizon.Safe;
        var border = NextEventAt(HostTrack.Border);
        var inner = NextEventAt(HostTrack.Inner);
        if (border < target)
        {
            var end = WindowOf(border, target);
            if (end <= safe && !InEarlierWindow(inner, end)) return Run(end, HostTrack.Border);
        }
        if (inner < target)
        {
            var end = WindowOf(inner, target);
            if (!InEarlierWindow(Instant.Min(border, safe), end)) return Run(end, HostTrack.Inner);
        }
        else if (border >= target && safe >= target)
        {
            return PartitionStep.Reached;
        }
        if (!_waiting) _legWaits++;
        _waiting = true;
        return PartitionStep.Wait;
    }

    private Instant WindowOf(Instant next, Instant target)
    {
        var end = _grid.WindowEndAfter(next);
        if (end > target) throw new ArgumentException($"{target} is not a window boundary", nameof(target));
        return end;
    }

    // Whether something happens at `at` (an event, or a peer's arrival at the border hosts) in a window before the
    // one ending at `end`: what it sends the other track could then land in that window.
    private bool InEarlierWindow(Instant at, Instant end) => at < end && _grid.WindowEndAfter(at) < end;

    private PartitionStep Run(Instant end, HostTrack track)
    {
        _waiting = false;
        return PartitionStep.Window(end, track);
    }

    /// <summary>The promise this partition can give now: it will send nothing before this instant. Only border hosts
    /// send to peers, and only while handling an event: their own next one, an arrival no peer can bring earlier, or
    /// one from an inner host, which sends no earlier than its own next event and lands at least the lookahead later.
    /// </summary>
    public Instant Through
    {
        get
        {
            var inner = NextEventAt(HostTrack.Inner);
            var fromInner = inner == Instant.Never ? inner : inner + _lookahead;
            return Instant.Min(Instant.Min(NextEventAt(HostTrack.Border), _horizon.Safe), fromInner);
        }
    }

    /// <summary>Begins the window <paramref name="step"/> names, for its track's hosts: lets the attackers flooding
    /// them send their SYNs, and puts every event of theirs due before the end in its host's batch.</summary>
    /// <returns>The batches of the hosts with events, in address order; the partition's own, to be run and then
    /// collected with <see cref="CollectOutputs"/> before the next window.</returns>
    public IReadOnlyList<HostBatch> BeginWindow(in PartitionStep step)
    {
        var (windowEnd, track) = (step.WindowEnd, step.Track);
        _ran[(int)track] = windowEnd;
        if (windowEnd > _counted)                                 // a window both tracks run counts once
        {
            _counted = windowEnd;
            Windows++;
            _legWindows++;
        }
        long events = 0;
        SendAttacks(windowEnd, track);
        var queue = _queues[(int)track];
        while (queue.TryDequeueBefore(windowEnd, out uint host, out var e))
        {
            events++;
            Batch(host).Events.Add(e);
        }
        foreach (var a in _attackers)
        {
            if (a.Track != track || a.InFlight.Count == 0 || a.InFlight.Peek().At >= windowEnd) continue;
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
    /// into their tracks' queues, arrivals for other partitions' hosts into those partitions' outboxes; the batches
    /// are emptied for the next window.</summary>
    public void CollectOutputs()
    {
        foreach (var batch in _due)                               // address order: the queue's ties stay put
        {
            foreach (var a in batch.Output.Arrivals)
            {
                int p = _map.Count == 1 ? 0 : _map.Of(a.To);
                if (p == Index) Keep(a);
                else if (!_paths.IsBorder(batch.Host) || _paths.Lookahead(Index, p) is null)
                    throw new InvalidOperationException($"{Ipv4.Format(a.To)} on partition {p} got a segment from " +
                        $"{Ipv4.Format(batch.Host)} on partition {Index}, which no path joins to it");
                else _outbox[p].Add(a);
            }
            var own = QueueOf(batch.Host);                        // one lookup per host, not per wake-up
            foreach (var w in batch.Output.Wakeups) own.Enqueue(batch.Host, w);
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

    // An arrival for a host of this partition. Its track has not run the window it is due in (Next keeps the tracks
    // within a window of each other, and a segment takes at least the lookahead); checked, as a peer's are.
    private void Keep(in Arrival a)
    {
        int track = (int)TrackOf(a.To);                            // one lookup: every local arrival comes here
        if (a.Event.At < _ran[track])
            throw new InvalidOperationException($"a segment for {Ipv4.Format(a.To)} is due at {a.Event.At}, before " +
                $"the end of the window its hosts ran last, {_ran[track]}: late");
        _queues[track].Enqueue(a.To, a.Event);
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
    private void SendAttacks(Instant windowEnd, HostTrack track)
    {
        foreach (var a in _attackers)
        {
            if (a.Track != track) continue;
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
            _queues[(int)a.Track].Enqueue(a.Target, syn);
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
