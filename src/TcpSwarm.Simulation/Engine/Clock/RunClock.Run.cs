using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class RunClock
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

    /// <summary>Moves every partition to the next sampling instant (or the end) and takes that sample.</summary>
    /// <remarks>Windows depend on virtual time only (<see cref="WindowGrid"/>), never on how the run is driven, paced
    /// or partitioned, so stepping changes no result.</remarks>
    public async Task<RunSample?> StepAsync(IRunObserver? observer)
    {
        if (!_started)
        {
            _started = true;
            _nextSample = _grid.SampleAfter(Instant.Zero);
        }
        if (Finished) return null;
        var target = Instant.Min(_nextSample, _grid.End);
        while (!await RunLegs(target))
            if (observer is not null) await observer.PaceAsync(Now - Instant.Zero);
        Now = target;
        if (observer is not null) await observer.PaceAsync(Now - Instant.Zero);
        if (target < _nextSample)
        {
            Finished = true;                                      // the end, before the next sampling instant
            return null;
        }
        _nextSample = _grid.SampleAfter(_nextSample);
        var sample = await Sample(observer);
        if (Now >= _grid.End) Finished = true;
        return sample;
    }

    /// <summary>Takes a last sample at the instant the run stopped, unless one was just taken there.</summary>
    public async Task FinishAsync(IRunObserver? observer)
    {
        if (_samples.Count == 0 || _samples[^1].VirtualTime != Now - Instant.Zero) await Sample(observer);
    }

    /// <summary>Every traced segment, host by host in address order, each host's in the order it saw them.</summary>
    public async Task<IReadOnlyList<TraceRecord>> TraceAsync()
    {
        var records = await _partitions.TraceAsync();
        return [.. records.OrderBy(r => r.Host)];                 // stable: each host's own order stays
    }

    private async ValueTask<RunSample> Sample(IRunObserver? observer)
    {
        var parts = await _partitions.SampleAsync(Now);
        var hosts = new List<HostSample>();
        var attackers = new (long SpoofedSyns, long Lost)[_scenario.Attackers.Count];
        for (int p = 0; p < parts.Count; p++)
        {
            CheckReceived(p, parts[p].ReceivedArrivals);
            hosts.AddRange(parts[p].Hosts);
            for (int a = 0; a < attackers.Length; a++)
                attackers[a] = (attackers[a].SpoofedSyns + parts[p].Attackers[a].SpoofedSyns,
                    attackers[a].Lost + parts[p].Attackers[a].Lost);
        }
        hosts.Sort((a, b) => a.Host.CompareTo(b.Host));
        var sample = new RunSample(Now - Instant.Zero, hosts, Windows, Events, attackers);
        _samples.Add(sample);
        observer?.Sampled(sample);
        return sample;
    }
}
