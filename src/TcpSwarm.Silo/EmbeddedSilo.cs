using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TcpSwarm.Grains;
using TcpSwarm.Silo.Metrics;

namespace TcpSwarm.Silo;

/// <summary>A single silo inside this process, on loopback ports the OS picks, for `tcpswarm run` without a cluster.</summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public RunRegistry Runs => _host.Services.GetRequiredService<RunRegistry>();
    public TcpSwarmMetrics Metrics => _host.Services.GetRequiredService<TcpSwarmMetrics>();

    /// <param name="metrics">The meter an export serves, which outlives the silo; null: the silo makes its own.</param>
    public static async Task<EmbeddedSilo> StartAsync(CancellationToken cancellation, TcpSwarmMetrics? metrics = null)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureServices(services =>
            {
                if (metrics is not null) services.AddSingleton(metrics);
            })
            .UseOrleans(silo => silo
                .UseLocalhostClustering(siloPort: FreeLoopbackPort(), gatewayPort: FreeLoopbackPort())
                .AddTcpSwarm())
            .ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning))
            .Build();
        await host.StartAsync(cancellation);
        return new EmbeddedSilo(host);
    }

    // Two runs (or a run and a test cluster) on one machine must not fight over Orleans' default ports.
    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
