using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace TcpSwarm.Silo.Metrics;

/// <summary>Views that make the other meters' instruments what Prometheus (and `promtool check metrics`) accepts:
/// a HELP text for every family, no `_count` suffix on a gauge, base units only.</summary>
/// <remarks>
/// The TcpSwarm meter is named to these rules from the start. Orleans describes few of its instruments, so they get a
/// description naming them. The runtime's four `*.count` gauges would end in `_count`, which Prometheus keeps for
/// histograms and summaries, so they are renamed. Five Orleans instruments are in milliseconds or megabytes, which no
/// view can rescale to seconds or bytes: they are dropped (the runtime's memory and the engine's own timings cover
/// what a run needs; docs/metrics.md lists them).
/// </remarks>
public static class PrometheusNaming
{
    /// <summary>The runtime's gauges whose names end in .count, and the names they are exported under.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renamed = new Dictionary<string, string>
    {
        ["dotnet.assembly.count"] = "dotnet.assembly.loaded",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpu.cores",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
    };

    /// <summary>Orleans' instruments in milliseconds or megabytes, which are not exported.</summary>
    public static readonly IReadOnlyList<string> Dropped =
    [
        "orleans-app-requests-latency", "orleans-catalog-activation-latency", "orleans-catalog-deactivation-latency",
        "orleans-runtime-available-memory", "orleans-runtime-total-physical-memory",
    ];

    /// <summary>The view for one instrument; null leaves it as it is.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        if (instrument.Meter.Name == TcpSwarmMetrics.MeterName) return null;
        if (Dropped.Contains(instrument.Name) || instrument.Unit is "ms" or "MB")
            return MetricStreamConfiguration.Drop;
        var name = Renamed.GetValueOrDefault(instrument.Name);
        var description = string.IsNullOrEmpty(instrument.Description)
            ? $"{instrument.Meter.Name}'s {instrument.Name}"
              + (instrument.Unit is { Length: > 0 } unit ? $" ({unit})" : "") + "; its meter gives no description."
            : null;
        return name is null && description is null
            ? null
            : new MetricStreamConfiguration { Name = name, Description = description };
    }
}
