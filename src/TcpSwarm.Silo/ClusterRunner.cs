using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run --redis`: a client of a running cluster that spreads the scenario over every active silo,
/// one partition each, and watches membership while the run goes on.</summary>
public sealed class ClusterRunner : IScenarioRunner, IAsyncDisposable
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(20);
    private readonly IHost _host;
    private readonly ClusterSettings _settings;
    private readonly ScenarioSource _source;

    private ClusterRunner(IHost host, ClusterSettings settings, ScenarioSource source)
    {
        _host = host;
        _settings = settings;
        _source = source;
    }

    private IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connects to the cluster; throws <see cref="ClusterUnreachableException"/> when its membership or its
    /// silos cannot be reached within seconds.</summary>
    public static async Task<ClusterRunner> ConnectAsync(ClusterSettings settings, ScenarioSource source)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Redis is { } redis) await redis.CheckReachableAsync();
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client =>
            {
                if (settings.Redis is { } r) client.UseRedisClustering(o => o.ConfigurationOptions = r.Options);
                else client.UseLocalhostClustering([.. settings.Gateways ?? [30000]], ClusterSettings.DefaultClusterId,
                    settings.ClusterId);
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = ClusterSettings.DefaultClusterId;
                });
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = SiloSetup.ResponseTimeout);
            })
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        try
        {
            await host.StartAsync().WaitAsync(ConnectPatience);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            host.Dispose();
            throw new ClusterUnreachableException(
                $"no silo of cluster {settings.ClusterId} answered within {ConnectPatience.TotalSeconds:0} s " +
                $"(membership: {settings.Describe()})");
        }
        return new ClusterRunner(host, settings, source);
    }

    /// <summary>The active silos, in a fixed order: one partition each.</summary>
    public async Task<string[]> SilosAsync()
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys.Select(s => s.ToParsableString()).Order(StringComparer.Ordinal)];
    }

    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var silos = await SilosAsync();
        if (silos.Length == 0)
            throw new ClusterUnreachableException($"cluster {_settings.ClusterId} has no active silo");
        var o = _source.Overrides;
        var files = o.Files.OrderBy(f => f.Key, StringComparer.Ordinal).ToArray();
        var setup = new RunSetup(RunId(scenario), _source.FileLabel, _source.Text, o.Seed, o.Speed,
            [.. o.Sets.Select(s => s.Key)], [.. o.Sets.Select(s => s.Value)], silos)
        {
            SysctlFile = o.SysctlFile,
            FilePaths = [.. files.Select(f => f.Key)],
            FileTexts = [.. files.Select(f => f.Value)],
        };
        return await GrainRun.RunAsync(Client, setup, scenario, progress, cancellation, LostSiloAsync(silos));
    }

    // Grain keys carry the run id, so it must never repeat on a long-lived cluster.
    private static string RunId(Scenario scenario) => string.Create(CultureInfo.InvariantCulture,
        $"{new string([.. scenario.Name.Where(char.IsAsciiLetterOrDigit)])}-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}");

    // From outside the run: every second, which of the run's silos membership no longer lists as active.
    private Func<CancellationToken, Task<string?>> LostSiloAsync(string[] silos) => async cancellation =>
    {
        var management = Client.GetGrain<IManagementGrain>(0);
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                var active = await management.GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellation);
                var names = active.Keys.Select(s => s.ToParsableString()).ToHashSet(StringComparer.Ordinal);
                foreach (var silo in silos)
                    if (!names.Contains(silo)) return silo;
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // Membership is changing hands: ask again.
            }
        }
        return null;
    };

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            // The cluster went away first: nothing to say goodbye to.
        }
        _host.Dispose();
    }
}

/// <summary>A scenario as the user gave it: its file's name, its text and the command line's overrides, which every
/// silo of a cluster reads again exactly so.</summary>
public sealed record ScenarioSource(string FileLabel, string Text, ScenarioOverrides Overrides);
