using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace TcpSwarm.Silo;

/// <summary>A silo of a real cluster in this process, `tcpswarm silo`: it joins through Redis (or localhost
/// clustering) and serves runs until it is stopped.</summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterSilo(IHost host) => _host = host;

    /// <summary>This silo's address as runs name it.</summary>
    public string Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>Joins the cluster; throws <see cref="ClusterUnreachableException"/> when Redis cannot be reached.
    /// </summary>
    /// <exception cref="EndpointOptionException">The silo or gateway port cannot be listened on.</exception>
    /// <param name="configure">More services for the silo (metrics, say), from the layer above.</param>
    public static async Task<ClusterSilo> StartAsync(SiloSettings settings, Action<ISiloBuilder>? configure,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var listen = settings.Advertise is null ? IPAddress.Loopback : IPAddress.Any;
        PortProbe.Check(listen, settings.SiloPort, "silo-port");
        PortProbe.Check(listen, settings.GatewayPort, "gateway-port");
        if (settings.Cluster.Redis is { } redis) await redis.CheckReachableAsync();
        var host = Host.CreateDefaultBuilder()
            .UseOrleans(silo =>
            {
                Configure(silo, settings);
                configure?.Invoke(silo);                          // first: what it gives, AddTcpSwarm keeps
                silo.AddTcpSwarm();
            })
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter(level => level >= LogLevel.Warning))
            .Build();
        await host.StartAsync(cancellation);
        return new ClusterSilo(host);
    }

    private static void Configure(ISiloBuilder silo, SiloSettings settings)
    {
        var cluster = settings.Cluster;
        if (cluster.Redis is { } redis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Options);
            var listen = settings.Advertise is null ? IPAddress.Loopback : IPAddress.Any;
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.Advertise ?? IPAddress.Loopback;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(listen, settings.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(listen, settings.GatewayPort);
            });
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort,
                new IPEndPoint(IPAddress.Loopback, cluster.PrimaryPort), ClusterSettings.DefaultClusterId,
                cluster.ClusterId);
        }
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = ClusterSettings.DefaultClusterId;
        });
        if (settings.ProbeTimeout is { } probe)
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = probe;
                o.NumMissedProbesLimit = 2;
                o.TableRefreshTimeout = probe;
                o.IAmAliveTablePublishTimeout = probe;
            });
    }

    /// <summary>Waits until <paramref name="cancellation"/> is cancelled (Ctrl-C, SIGTERM).</summary>
    public async Task ServeAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: leave the cluster in order.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(patience.Token);
        _host.Dispose();
    }
}
