using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
    private readonly SiloSettings _settings;
    private readonly PortClaim[] _claims;

    private ClusterSilo(IHost host, SiloSettings settings, PortClaim[] claims)
    {
        _host = host;
        _settings = settings;
        _claims = claims;
    }

    /// <summary>Set once the silo has stopped without telling membership (Redis gone): the others declare it dead
    /// after their probe timeout.</summary>
    public string? LeftUnannounced { get; private set; }

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
        var claims = new List<PortClaim>();
        try
        {
            // Claimed before the probe and held to the end, so that silos started together cannot share a port.
            claims.Add(PortClaim.Take(settings.SiloPort, "silo-port"));
            if (settings.GatewayPort == settings.SiloPort)
                throw new EndpointOptionException("gateway-port",
                    $"port {settings.GatewayPort} is the silo port too; choose another");
            claims.Add(PortClaim.Take(settings.GatewayPort, "gateway-port"));
            PortProbe.Check(listen, settings.SiloPort, "silo-port");
            PortProbe.Check(listen, settings.GatewayPort, "gateway-port");
            if (settings.Cluster.Redis is { } redis) await redis.CheckReachableAsync();
            var host = Build(settings, configure);
            try
            {
                await host.StartAsync(cancellation);
            }
            catch (Exception e) when (Bind(e) is { } bind)
            {
                // Taken by another program between the probe and Orleans' own bind.
                host.Dispose();
                int port = bind.Message.Contains(settings.GatewayPort.ToString(CultureInfo.InvariantCulture),
                    StringComparison.Ordinal) ? settings.GatewayPort : settings.SiloPort;
                throw new EndpointOptionException(port == settings.SiloPort ? "silo-port" : "gateway-port",
                    $"port {port} on {listen} is in use; choose another");
            }
            return new ClusterSilo(host, settings, [.. claims]);
        }
        catch
        {
            foreach (var claim in claims) claim.Dispose();
            throw;
        }
    }

    private static SocketException? Bind(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
            if (x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } socket) return socket;
        return e is AggregateException a ? a.InnerExceptions.Select(Bind).FirstOrDefault(b => b is not null) : null;
    }

    private static IHost Build(SiloSettings settings, Action<ISiloBuilder>? configure) =>
        Host.CreateDefaultBuilder()
            .UseOrleans(silo =>
            {
                Configure(silo, settings);
                configure?.Invoke(silo);                          // first: what it gives, AddTcpSwarm keeps
                silo.AddTcpSwarm();
            })
            .ConfigureLogging(logging => logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter(level => level >= LogLevel.Warning))
            .Build();

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

    /// <summary>Leaves the cluster in order when Redis answers; when it does not, stops at once without telling
    /// membership (which would wait on Redis for minutes), so that one SIGTERM always stops a silo.</summary>
    public async ValueTask DisposeAsync()
    {
        var patience = TimeSpan.FromSeconds(20);
        if (_settings.Cluster.Redis is { } redis)
        {
            try
            {
                await redis.CheckReachableAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is ClusterUnreachableException or TimeoutException)
            {
                LeftUnannounced = $"Redis at {redis.Endpoints} does not answer ({e.Message})";
                patience = TimeSpan.Zero;
            }
        }
        using var cancel = new CancellationTokenSource(patience);
        var stopping = _host.StopAsync(cancel.Token);
        // Orleans' stop may go on trying Redis after it was told to hurry: wait a little longer, then leave it.
        var bound = patience + TimeSpan.FromSeconds(3);
        if (await Task.WhenAny(stopping, Task.Delay(bound)) == stopping)
        {
            try
            {
                await stopping;
            }
            catch (OperationCanceledException)
            {
                // Told to hurry: what it did not finish, the others' probes finish for it.
            }
            _host.Dispose();
        }
        else
        {
            _ = stopping.ContinueWith(t => t.Exception, TaskScheduler.Default);
            LeftUnannounced ??= $"the silo did not stop within {bound.TotalSeconds:0} s";
        }
        foreach (var claim in _claims) claim.Dispose();
    }
}
