using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Silo.Tests;

/// <summary>A TcpSwarm meter read by the real OpenTelemetry SDK, configured as every export configures it, into
/// memory: what an exporter would send, read back per instrument and attribute set.</summary>
internal sealed class Exported : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterProvider _provider;
    private readonly List<MetricSnapshot> _snapshots = [];

    public Exported()
    {
        Metrics = new TcpSwarmMetrics(_services.GetRequiredService<IMeterFactory>());
        _provider = MetricsExport.AddMeters(Sdk.CreateMeterProviderBuilder()).AddInMemoryExporter(_snapshots).Build();
    }

    public TcpSwarmMetrics Metrics { get; }

    /// <summary>One collection, as a scrape would make it.</summary>
    public IReadOnlyList<MetricSnapshot> Collect()
    {
        _snapshots.Clear();
        _provider.ForceFlush();
        return [.. _snapshots];
    }

    public static IEnumerable<(Dictionary<string, object?> Tags, MetricPoint Point)> Points(
        IReadOnlyList<MetricSnapshot> collected, string name)
    {
        foreach (var snapshot in collected.Where(s => s.Name == name))
            foreach (var point in snapshot.MetricPoints)
            {
                var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags) tags[tag.Key] = tag.Value;
                yield return (tags, point);
            }
    }

    /// <summary>The value of a counter or gauge point, whatever its type.</summary>
    public static double Value(IReadOnlyList<MetricSnapshot> collected, string name, MetricPoint point)
    {
        var type = collected.First(s => s.Name == name).MetricType;
        return type switch
        {
            MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
            MetricType.LongGauge => point.GetGaugeLastValueLong(),
            MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
            _ => throw new InvalidOperationException($"{name} is a {type}"),
        };
    }

    /// <summary>The sum of an instrument's points whose attributes include all of <paramref name="match"/>.</summary>
    public static double Sum(IReadOnlyList<MetricSnapshot> collected, string name,
        params (string Key, object Value)[] match)
    {
        double total = 0;
        foreach (var (tags, point) in Points(collected, name))
            if (match.All(m => tags.TryGetValue(m.Key, out var v) && Equals(v, m.Value)))
                total += Value(collected, name, point);
        return total;
    }

    public void Dispose()
    {
        _provider.Dispose();
        _services.Dispose();
    }
}
