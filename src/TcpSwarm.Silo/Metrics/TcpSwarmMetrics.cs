using System.Diagnostics.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using Tag = System.Collections.Generic.KeyValuePair<string, object?>;

namespace TcpSwarm.Silo.Metrics;

/// <summary>The "TcpSwarm" meter of one silo: the run's figures as OpenTelemetry instruments, fed from its samples.
/// </summary>
/// <remarks>
/// <see cref="Observe"/> takes each sampling instant's <see cref="RunSample"/> (on several silos, each silo's own
/// hosts, events and attackers); observable instruments report the latest one when a reader collects, and the
/// duration histograms replay what the engine counted (<see cref="ReplayedHistogram"/>). Every figure is this silo's
/// disjoint share, so Prometheus adds silos up with sum(); virtual time and windows are the same on every silo (max()).
/// The silo's identity travels in the resource (<see cref="MetricsExport"/>), not in these attributes. Thread-safe:
/// one lock guards the figures between a sample and a collection.
/// </remarks>
public sealed partial class TcpSwarmMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TcpSwarm";

    private readonly Lock _gate = new();
    private readonly ReplayedHistogram _handshake, _synReceived, _lifetime;
    private readonly Dictionary<string, (long Messages, long Bytes, Tag[] Tags)> _exchange =
        new(StringComparer.Ordinal);
    private SiloFigures? _figures;
    private double _virtualSeconds, _speed, _lagSeconds, _timeWaitSeconds;
    private long _windows, _events;
    private TimeSpan _lastWall;

    public TcpSwarmMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(new MeterOptions(MeterName));
        CreateObservables(meter);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationHistogram.Bounds };
        _handshake = new(meter.CreateHistogram("tcpswarm.handshake.duration", "s",
            "connect() to ESTABLISHED on the clients, in virtual seconds.", tags: null, advice));
        _synReceived = new(meter.CreateHistogram("tcpswarm.syn_received.duration", "s",
            "Time request entries spent in the servers' SYN queues (admitted, expired or reset), in virtual seconds.",
            tags: null, advice));
        _lifetime = new(meter.CreateHistogram("tcpswarm.connection.duration", "s",
            "connect() or admission to CLOSED or TIME_WAIT, for connections that ended, in virtual seconds.",
            tags: null, advice));
    }

    /// <summary>The duration histograms' names; their bounds are <see cref="DurationHistogram.Bounds"/>.</summary>
    public static IReadOnlyList<string> Histograms { get; } =
        ["tcpswarm.handshake.duration", "tcpswarm.syn_received.duration", "tcpswarm.connection.duration"];

    /// <summary>Publishes one sampling instant of a run; a new scenario, or virtual time going back, starts a new run.
    /// </summary>
    /// <param name="wallElapsed">Wall time since the run started: the speed and the lag behind the pace come from it.
    /// </param>
    public void Observe(Scenario scenario, RunSample sample, TimeSpan wallElapsed)
    {
        lock (_gate)
        {
            if (_figures is null || !ReferenceEquals(_figures.Tags.Scenario, scenario)
                                 || sample.VirtualTime.TotalSeconds < _virtualSeconds)
                Start(scenario);
            var figures = _figures!;
            figures.Fill(sample);
            ReplayHistograms(figures.Tags, sample);
            double virtualStep = sample.VirtualTime.TotalSeconds - _virtualSeconds;
            double wallStep = (wallElapsed - _lastWall).TotalSeconds;
            _speed = wallStep > 0 ? virtualStep / wallStep : 0;
            _lastWall = wallElapsed;
            _virtualSeconds = sample.VirtualTime.TotalSeconds;
            _windows = sample.Windows;
            _events = sample.Events;
            // Behind the pace by this much wall time; at speed max there is no pace to fall behind.
            _lagSeconds = scenario.Speed.IsMax
                ? 0
                : Math.Max(0, wallElapsed.TotalSeconds - _virtualSeconds / scenario.Speed.Factor);
        }
    }

    /// <summary>Counts what this silo sent to another silo: messages and their bytes (issue 6's inter-silo traffic).
    /// </summary>
    public void RecordExchange(string peerSilo, long messages, long bytes)
    {
        lock (_gate)
        {
            var tags = _exchange.TryGetValue(peerSilo, out var e) ? e.Tags : [new Tag("tcpswarm.silo.peer", peerSilo)];
            _exchange[peerSilo] = (e.Messages + messages, e.Bytes + bytes, tags);
        }
    }

    private void Start(Scenario scenario)
    {
        var tags = new MetricTags(scenario);
        _figures = new SiloFigures(tags);
        int owners = tags.Owner.Length;
        foreach (var h in (ReadOnlySpan<ReplayedHistogram>)[_handshake, _synReceived, _lifetime]) h.Reset(owners);
        _virtualSeconds = 0;
        _lastWall = TimeSpan.Zero;
        _timeWaitSeconds = scenario.Profile.TimeWaitLength.TotalSeconds;
    }

    // Each owner's buckets added up over this silo's hosts, then what they gained replayed.
    private void ReplayHistograms(MetricTags tags, RunSample sample)
    {
        foreach (var h in (ReadOnlySpan<ReplayedHistogram>)[_handshake, _synReceived, _lifetime]) h.Clear();
        foreach (var h in sample.Hosts)
        {
            int o = tags.OwnerOf(h);
            _handshake.Add(o, h.HandshakeBuckets, h.HandshakeSeconds);
            _synReceived.Add(o, h.SynReceivedBuckets, h.SynReceivedSeconds);
            _lifetime.Add(o, h.LifetimeBuckets, h.LifetimeSeconds);
        }
        var present = _figures!.Present;
        for (int o = 0; o < present.Length; o++)
        {
            if (!present[o]) continue;
            _handshake.Replay(o, tags.Owner[o]);
            _synReceived.Replay(o, tags.Owner[o]);
            _lifetime.Replay(o, tags.Owner[o]);
        }
    }
}
