using System.Net;

namespace TcpSwarm.Silo.Metrics;

/// <summary>Where a silo's metrics go: a Prometheus scrape endpoint, an OTLP collector, both or neither.</summary>
/// <param name="Port">Serve http://Address:Port/metrics; null serves nothing.</param>
/// <param name="Address">The address the scrape endpoint binds: loopback unless told otherwise (0.0.0.0 in a
/// container).</param>
/// <param name="Linger">How long the endpoint keeps serving the last values after a run ends, so that a run shorter
/// than a scrape interval is still scraped.</param>
/// <param name="Otlp">Push to this OTLP endpoint as well: a path ending in /v1/metrics is OTLP over HTTP (protobuf),
/// anything else gRPC; null pushes nothing.</param>
public sealed record MetricsSettings(int? Port, IPAddress Address, TimeSpan Linger, Uri? Otlp)
{
    /// <summary>Two scrapes at Prometheus' usual 15 s interval.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(30);

    public bool Exports => Port is not null || Otlp is not null;

    /// <summary>The scrape endpoint's URL, as a scraper on this machine reaches it; null without one.</summary>
    public Uri? ScrapeUrl => Port is { } p
        ? new Uri($"http://{(Address.Equals(IPAddress.Any) ? "127.0.0.1" : Address.ToString())}:{p}/metrics")
        : null;
}
