using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class WindowScheduler
{
    private readonly List<RunSample> _samples = [];
    private Instant _nextSample;
    private bool _started;

    /// <summary>The scenario's end was reached: no more windows will run.</summary>
    public bool Finished { get; private set; }

    /// <summary>Every sample taken so far, in virtual-time order.</summary>
    public IReadOnlyList<RunSample> Samples => _samples;

    /// <summary>Runs to the scenario's end, or to the last completed window when cancelled.</summary>
    /// <returns>Every sample taken, the last one at the instant the run stopped.</returns>
    public async Task<IReadOnlyList<RunSample>> RunAsync(IRunObserver? observer, CancellationToken cancellation)
    {
        while (!Finished && !cancellation.IsCancellationRequested) await StepAsync(observer);
        await FinishAsync(observer);
        return _samples;
    }

    /// <summary>Runs whole windows until the next sampling instant (or the end) and takes that sample.</summary>
    /// <remarks>Window boundaries depend on virtual time only (the lookahead, sampling instants, the end), never on
    /// how the run is driven or paced, so stepping changes no result.</remarks>
    public async Task<RunSample?> StepAsync(IRunObserver? observer)
    {
        if (!_started)
        {
            _started = true;
            _nextSample = Instant.Zero + _scenario.SampleInterval;
        }
        while (!Finished)
        {
            var start = NextEventAt();
            if (_nextSample <= Instant.Min(start, _end))          // quiet stretches still get their samples
            {
                Now = _nextSample;
                _nextSample += _scenario.SampleInterval;
                var sample = await Sample(observer);
                if (Now >= _end) Finished = true;
                return sample;
            }
            if (start >= _end)
            {
                Now = _end;                                       // nothing more happens before the end
                Finished = true;
                break;
            }
            var windowEnd = Instant.Min(Instant.Min(start + _lookahead, _nextSample), _end);
            await RunWindow(windowEnd);
            Now = windowEnd;
            if (observer is not null) await observer.PaceAsync(Now - Instant.Zero);
        }
        return null;
    }

    /// <summary>Takes a last sample at the instant the run stopped, unless one was just taken there.</summary>
    public async Task FinishAsync(IRunObserver? observer)
    {
        if (_samples.Count == 0 || _samples[^1].VirtualTime != Now - Instant.Zero) await Sample(observer);
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
        _samples.Add(sample);
        observer?.Sampled(sample);
        return sample;
    }
}
