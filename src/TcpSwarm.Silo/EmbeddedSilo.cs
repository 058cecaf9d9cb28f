using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TcpSwarm.Grains;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Silo;

/// <summary>A single silo inside this process, on loopback ports the OS picks, for `tcpswarm run` without a
/// cluster.</summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();
    public RunRegistry Runs => _host.Services.GetRequiredService<RunRegistry>();

    /// <summary>This silo's address, as a run's setup names it.</summary>
    public string Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    /// <summary>Registers a scenario here as a one-partition run and gives its setup: the scenario object is handed
    /// over in process, so no text travels.</summary>
    public RunSetup Setup(string runId, Scenario scenario)
    {
        var silos = new[] { Address };
        Runs.Register(runId, scenario, silos);
        return new RunSetup(runId, null, silos);
    }

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
