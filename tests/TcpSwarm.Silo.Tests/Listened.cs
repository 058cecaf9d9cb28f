using System.Diagnostics.Metrics;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Silo.Tests;

/// <summary>The measurements of one meter factory's instruments, heard through .NET's own MeterListener: several
/// silos' meters in one process, kept apart by their factory.</summary>
/// <remarks>Keys are "instrument{key=value,...}" with the attributes in ordinal order; a histogram gives its count,
/// its sum and each bucket (upper-inclusive, as OpenTelemetry counts them) under "name#count", "name#sum", "name#le=B".
/// </remarks>
internal sealed class Listened : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _observed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _recorded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Listened(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Heard(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Heard(i, v, tags));
        _listener.Start();
    }

    /// <summary>Every observable's value now, and every histogram's totals so far.</summary>
    public Dictionary<string, double> Read()
    {
        lock (_gate)
        {
            _observed.Clear();
            _listener.RecordObservableInstruments();
            var all = new Dictionary<string, double>(_observed, StringComparer.Ordinal);
            foreach (var (key, value) in _recorded) all[key] = value;
            return all;
        }
    }

    private void Heard(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument.Name, tags);
        lock (_gate)
        {
            if (!instrument.IsObservable)
            {
                Add(key.Replace("{", "#count{", StringComparison.Ordinal), 1);
                Add(key.Replace("{", "#sum{", StringComparison.Ordinal), value);
                var bound = DurationHistogram.Bounds.FirstOrDefault(b => value <= b, double.PositiveInfinity);
                Add(key.Replace("{", $"#le={bound}{{", StringComparison.Ordinal), 1);
                return;
            }
            _observed[key] = value;
        }
    }

    private void Add(string key, double value) => _recorded[key] = _recorded.GetValueOrDefault(key) + value;

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags) parts.Add(tag.Key + "=" + tag.Value);
        parts.Sort(StringComparer.Ordinal);
        return name + "{" + string.Join(',', parts) + "}";
    }

    public void Dispose() => _listener.Dispose();
}
