using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Silo.Metrics;

/// <summary>One silo process's metrics export: the TcpSwarm meter, Orleans' and the .NET runtime's, served to
/// Prometheus on a scrape endpoint and pushed by OTLP when asked; every series carries the silo's name and, for a
/// run's own process, the run's scenario, seed and id.</summary>
/// <remarks>
/// The meter (<see cref="Metrics"/>) belongs to the export, not to a silo, so it outlives the embedded silo of a run
/// and the endpoint can keep serving its last values while it lingers. One exporting silo per process: the resource,
/// and with it the <c>tcpswarm.silo</c> label, is the process's.
/// </remarks>
public sealed class MetricsExport : IDisposable
{
    /// <summary>The resource attribute every series carries as a label: the silo's name.</summary>
    public const string SiloAttribute = "tcpswarm.silo";

    /// <summary>Orleans' own meter, and the runtime's (GC, thread pool, memory) built into .NET since 9.</summary>
    public static readonly IReadOnlyList<string> Meters =
        [TcpSwarmMetrics.MeterName, "Microsoft.Orleans", "System.Runtime"];

    private readonly ServiceProvider _services;
    private readonly MeterProvider _provider;

    private MetricsExport(MetricsSettings settings, ServiceProvider services, MeterProvider provider,
        TcpSwarmMetrics metrics)
    {
        Settings = settings;
        _services = services;
        _provider = provider;
        Metrics = metrics;
    }

    public MetricsSettings Settings { get; }

    /// <summary>The meter to hand to the silo (its DI singleton) and to observe samples through.</summary>
    public TcpSwarmMetrics Metrics { get; }

    /// <summary>Starts serving and pushing as the settings say.</summary>
    /// <param name="run">The run this process exports, when it runs one (tcpswarm run): its scenario, seed and id go
    /// into the resource, so target_info and every scraped series carry them; null for a silo that serves many runs.
    /// </param>
    /// <exception cref="EndpointOptionException">The endpoint cannot be served there: a user's mistake.</exception>
    public static MetricsExport Start(MetricsSettings settings, string silo, RunIdentity? run = null)
    {
        if (settings.Port is { } port) PortProbe.Check(settings.Address, port, "metrics-port", "metrics-address");
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        try
        {
            var metrics = new TcpSwarmMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
            var builder = Sdk.CreateMeterProviderBuilder()
                .ConfigureResource(r => r
                    .AddService("tcpswarm", serviceInstanceId: silo, autoGenerateServiceInstanceId: false)
                    .AddAttributes([new(SiloAttribute, silo), .. run?.Attributes ?? []]));
            AddMeters(builder);
            if (settings.Port is { } p) builder.AddPrometheusHttpListener(o =>
            {
                o.Host = settings.Address.ToString();
                o.Port = p;
                o.ResourceConstantLabels = key => key is SiloAttribute or RunIdentity.ScenarioAttribute
                    or RunIdentity.SeedAttribute or RunIdentity.IdAttribute;
                o.ConfigureHttpListener = (_, listener) => Prefixes(listener, settings.Address, p);
            });
            if (settings.Otlp is { } otlp) builder.AddOtlpExporter((o, reader) =>
            {
                o.Endpoint = otlp;
                o.Protocol = otlp.AbsolutePath.EndsWith("/v1/metrics", StringComparison.Ordinal)
                    ? OtlpExportProtocol.HttpProtobuf
                    : OtlpExportProtocol.Grpc;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5_000;
            });
            return new MetricsExport(settings, services, builder.Build(), metrics);
        }
        catch (InvalidOperationException e) when (e.InnerException is HttpListenerException listening)
        {
            services.Dispose();
            throw new EndpointOptionException("metrics-port",
                $"cannot serve metrics on {settings.Address}:{settings.Port}: {listening.Message}");
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>The meters every export reads, the views that make Orleans' and the runtime's instruments names
    /// Prometheus accepts (<see cref="PrometheusNaming"/>), and the duration histograms' view: the engine's bounds,
    /// and no min or max (<see cref="ReplayedHistogram"/> keeps buckets, count and sum, not the extremes).</summary>
    public static MeterProviderBuilder AddMeters(MeterProviderBuilder builder)
    {
        builder.AddMeter([.. Meters]);
        builder.AddView(PrometheusNaming.View);
        foreach (var name in TcpSwarmMetrics.Histograms)
            builder.AddView(name, new ExplicitBucketHistogramConfiguration
            {
                Boundaries = DurationHistogram.Bounds,
                RecordMinMax = false,
            });
        return builder;
    }

    /// <summary>Keeps serving the last values for the linger time after a run, unless cancelled (Ctrl-C); the caller
    /// has made sure there is a scrape endpoint and a linger time.</summary>
    public async Task LingerAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Settings.Linger, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Pushes the current values to OTLP now, while every meter (Orleans' with its silo) still lives.
    /// </summary>
    public void Flush() => _provider.ForceFlush();

    public void Dispose()
    {
        _provider.Dispose();                     // pushes the last values to OTLP, stops the scrape endpoint
        _services.Dispose();
    }

    // HttpListener serves a request only when its Host header matches a prefix: a scraper names the endpoint by
    // whatever reaches it (127.0.0.1 or localhost; any name of the container when bound to every interface).
    private static void Prefixes(HttpListener listener, IPAddress address, int port)
    {
        if (address.Equals(IPAddress.Any))
        {
            listener.Prefixes.Clear();
            listener.Prefixes.Add($"http://+:{port}/");
        }
        else if (IPAddress.IsLoopback(address))
        {
            listener.Prefixes.Add($"http://localhost:{port}/");
        }
    }
}
