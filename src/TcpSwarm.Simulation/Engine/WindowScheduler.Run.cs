using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class WindowScheduler
{
    /// <summary>Runs to the scenario's end, or to the last completed window when cancelled.</summary>
    /// <returns>Every sample taken, the last one at the instant the run stopped.</returns>
    public async Task<IReadOnlyList<RunSample>> RunAsync(IRunObserver? observer, CancellationToken cancellation)
    {
        var samples = new List<RunSample>();
        var interval = _scenario.SampleInterval;
        var nextSample = Instant.Zero + interval;
        while (!cancellation.IsCancellationRequested)
        {
            var start = NextEventAt();
            while (nextSample <= Instant.Min(start, _end))        // quiet stretches still get their samples
            {
                Now = nextSample;
                samples.Add(await Sample(observer));
                nextSample += interval;
            }
            if (start >= _end) break;
            var windowEnd = Instant.Min(Instant.Min(start + _lookahead, nextSample), _end);
            await RunWindow(windowEnd);
            Now = windowEnd;
            if (observer is not null) await observer.PaceAsync(Now - Instant.Zero);
        }
        if (samples.Count == 0 || samples[^1].VirtualTime != Now - Instant.Zero) samples.Add(await Sample(observer));
        return samples;
    }

    private Instant NextEventAt()
    {
        var next = _queue.TryPeek(out _, out long at) ? new Instant(at) : Instant.Never;
        foreach (var a in _attackers)
        {
            Prime(a);
            if (a.HasNext) next = Instant.Min(next, a.NextAt);
        }
        return next;
    }

    private void Prime(Attacker a)
    {
        if (a.Primed) return;
        a.Primed = true;
        a.HasNext = a.Flood.TryNext(out a.NextAt, out a.NextSyn) && a.NextAt < _end;
    }

    private async ValueTask RunWindow(Instant windowEnd)
    {
        Windows++;
        SendAttacks(windowEnd);
        while (_queue.TryPeek(out _, out long at) && at < windowEnd.Nanoseconds)
        {
            var (host, e) = _queue.Dequeue();
            Events++;
            if (!_batches.TryGetValue(host, out var batch))
            {
                batch = new HostBatch { Host = host };
                _batches.Add(host, batch);
            }
            if (batch.Events.Count == 0) _due.Add(batch);
            batch.Events.Add(e);
        }
        if (_due.Count == 0) return;
        _due.Sort((a, b) => a.Host.CompareTo(b.Host));
        await _hosts.RunWindowAsync(_due, windowEnd);
        foreach (var batch in _due)                               // address order: the queue's ties stay put
        {
            foreach (var a in batch.Output.Arrivals) _queue.Enqueue((a.To, a.Event), a.Event.At.Nanoseconds);
            foreach (var w in batch.Output.Wakeups) _queue.Enqueue((batch.Host, w), w.At.Nanoseconds);
            batch.Events.Clear();
            batch.Output.Clear();
        }
        _due.Clear();
    }

    // Spoofed SYNs leave on the attacker's schedule; each lands at least the lookahead later, in a later window.
    private void SendAttacks(Instant windowEnd)
    {
        foreach (var a in _attackers)
        {
            Prime(a);
            while (a.HasNext && a.NextAt < windowEnd)
            {
                a.Sent++;
                var transit = _network.Send(in a.NextSyn, a.NextAt, ref a.Random);
                if (transit.Fate is Network.TransitFate.Delivered or Network.TransitFate.Duplicated)
                {
                    var to = a.NextSyn.DstAddr;
                    _queue.Enqueue((to, new HostEvent(HostEventKind.Arrival, transit.FirstArrival, a.Source, a.Seq++,
                        a.NextSyn)), transit.FirstArrival.Nanoseconds);
                    if (transit.Fate == Network.TransitFate.Duplicated)
                        _queue.Enqueue((to, new HostEvent(HostEventKind.Arrival, transit.SecondArrival, a.Source,
                            a.Seq++, a.NextSyn)), transit.SecondArrival.Nanoseconds);
                }
                else
                {
                    a.Lost++;
                }
                a.HasNext = a.Flood.TryNext(out a.NextAt, out a.NextSyn) && a.NextAt < _end;
            }
        }
    }

    private async ValueTask<RunSample> Sample(IRunObserver? observer)
    {
        var hosts = await _hosts.SampleAsync(Hosts);
        var attackers = new (long, long)[_attackers.Length];
        for (int i = 0; i < attackers.Length; i++) attackers[i] = (_attackers[i].Sent, _attackers[i].Lost);
        var sample = new RunSample(Now - Instant.Zero, hosts, Windows, Events, attackers);
        observer?.Sampled(sample);
        return sample;
    }
}
