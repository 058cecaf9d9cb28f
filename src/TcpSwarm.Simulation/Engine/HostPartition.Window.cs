using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class HostPartition
{
    private readonly List<Task<long>> _deliveries = [];

    /// <summary>Runs this partition's hosts for one window: its attackers' SYNs, the events due before
    /// <paramref name="windowEnd"/>, then hands each other partition what was sent to its hosts.</summary>
    public async ValueTask<PartitionWindow> RunWindowAsync(Instant windowEnd, IArrivalExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var received = (long[])_received.Clone();                 // every earlier window's deliveries are in
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
        if (_due.Count > 0) await RunHosts(windowEnd);
        var (messages, bytes, remoteNext) = await Exchange(exchange, windowEnd);
        var next = Instant.Min(NextEventAt(), remoteNext);
        return new PartitionWindow(events, next.Nanoseconds, (long[])_sent.Clone(), received, messages, bytes);
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

    private async ValueTask RunHosts(Instant windowEnd)
    {
        _due.Sort((a, b) => a.Host.CompareTo(b.Host));
        await _hosts.RunWindowAsync(_due, windowEnd);
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

    // One message per partition with arrivals for it, all at once; the window ends when every receiver holds them.
    private async ValueTask<(int Messages, long Bytes, Instant Next)> Exchange(IArrivalExchange exchange,
        Instant windowEnd)
    {
        var next = Instant.Never;
        _deliveries.Clear();
        for (int p = 0; p < _outbox.Length; p++)
        {
            var box = _outbox[p];
            if (box.Count == 0) continue;
            foreach (var a in box) next = Instant.Min(next, a.Event.At);
            _sent[p] += box.Count;
            _deliveries.Add(exchange.SendAsync(Index, p, windowEnd, box).AsTask());
        }
        if (_deliveries.Count == 0) return (0, 0, next);
        var bytes = await Task.WhenAll(_deliveries);
        foreach (var box in _outbox) box.Clear();
        return (_deliveries.Count, bytes.Sum(), next);
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

    /// <summary>This partition's hosts' samples (address order) and its attackers' counts, zero for the others.
    /// </summary>
    public async ValueTask<PartitionSample> SampleAsync(Instant now)
    {
        var hosts = await _hosts.SampleAsync(Hosts, now);
        var attackers = new (long SpoofedSyns, long Lost)[_scenario.Attackers.Count];
        foreach (var a in _attackers) attackers[a.Index] = (a.Sent, a.Lost);
        var received = new long[_received.Length];
        for (int p = 0; p < received.Length; p++) received[p] = _received[p] + _early[p];
        return new PartitionSample(hosts, attackers, received);
    }

    /// <summary>The run is over: its hosts may go.</summary>
    public ValueTask ForgetAsync() => _hosts.ForgetAsync(Hosts);

    /// <summary>Every traced segment of this partition's hosts, host by host in address order.</summary>
    public ValueTask<IReadOnlyList<TraceRecord>> TraceAsync() => _hosts.TraceAsync(Hosts);
}

/// <summary>One partition's part of a sample: its hosts, its attackers, and the arrivals it has received so far.
/// </summary>
public sealed record PartitionSample(IReadOnlyList<HostSample> Hosts, IReadOnlyList<(long SpoofedSyns, long Lost)> Attackers,
    long[] ReceivedArrivals);
