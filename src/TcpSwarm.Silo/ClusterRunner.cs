using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Silo;

/// <summary>`tcpswarm run --redis`: a client of a running cluster that spreads the scenario over every active silo,
/// one partition each, and watches the cluster while the run goes on (<see cref="ClusterWatchdog"/>).</summary>
public sealed class ClusterRunner : IScenarioRunner, IAsyncDisposable
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(20);
    private readonly IHost _host;
    private readonly ConnectionMultiplexer? _redis;
    private readonly ClusterSettings _settings;
    private readonly ScenarioSource _source;
    private readonly string[] _silos;
    private bool _faulted;

    private ClusterRunner(IHost host, ConnectionMultiplexer? redis, ClusterSettings settings, ScenarioSource source,
        string[] silos)
    {
        _host = host;
        _redis = redis;
        _settings = settings;
        _source = source;
        _silos = silos;
    }

    private IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>The active silos found on connecting, in a fixed order: one partition each.</summary>
    public IReadOnlyList<string> Silos => _silos;

    /// <summary>Connects to the cluster and finds its silos, saying which on <paramref name="log"/>; throws
    /// <see cref="ClusterUnreachableException"/> when Redis, membership or a silo listed as active does not answer
    /// within seconds, or when Redis lists no active silo of the cluster id.</summary>
    public static async Task<ClusterRunner> ConnectAsync(ClusterSettings settings, ScenarioSource source,
        TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ConnectionMultiplexer? redis = null;
        IHost? host = null;
        try
        {
            if (settings.Redis is { } r)
            {
                redis = await r.ConnectAsync().ConfigureAwait(false);
                if (await RedisMembers.NoActiveSiloAsync(redis, r.Endpoints, settings.ClusterId)
                        .ConfigureAwait(false) is { } none)
                    throw new ClusterUnreachableException(none);
            }
            host = await StartClientAsync(settings).ConfigureAwait(false);
            var silos = await FindSilosAsync(host.Services.GetRequiredService<IClusterClient>(), settings, redis)
                .ConfigureAwait(false);
            log?.WriteLine($"cluster {settings.ClusterId} ({settings.Describe()}): {silos.Length} "
                           + $"{(silos.Length == 1 ? "silo" : "silos")}: {string.Join(", ", silos)}");
            return new ClusterRunner(host, redis, settings, source, silos);
        }
        catch
        {
            if (host is not null) await StopAsync(host, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            redis?.Dispose();
            throw;
        }
    }

    private static async Task<IHost> StartClientAsync(ClusterSettings settings)
    {
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
            await host.StartAsync().WaitAsync(ConnectPatience).ConfigureAwait(false);
            return host;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            await StopAsync(host, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            throw new ClusterUnreachableException(
                $"no silo of cluster {settings.ClusterId} answered within {ConnectPatience.TotalSeconds:0} s " +
                $"(membership: {settings.Describe()})");
        }
    }

    // The active silos, each of which has answered a call: a silo killed a moment ago is still listed as active
    // until its peers declare it dead, and a run must not be spread onto it.
    private static async Task<string[]> FindSilosAsync(IClusterClient client, ClusterSettings settings,
        ConnectionMultiplexer? redis)
    {
        var patience = settings.AnswerTimeout;
        var management = client.GetGrain<IManagementGrain>(0);
        Dictionary<SiloAddress, SiloStatus> hosts;
        try
        {
            hosts = await management.GetHosts(onlyActive: true).WaitAsync(patience).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Membership's grain may live on a silo that has just died: Redis still lists it, its port refuses.
            var listed = redis is null ? [] : await RedisMembers.ActiveSilosAsync(redis, settings.ClusterId)
                .ConfigureAwait(false);
            var refusing = new List<string>();
            foreach (var silo in listed)
                if (await Refuses(silo).ConfigureAwait(false)) refusing.Add(silo);
            var cause = $"the membership of cluster {settings.ClusterId} could not be read within "
                        + $"{patience.TotalSeconds:0.#} s ({RootCause.Of(e)})";
            var who = refusing.Count == 1 ? $"silo {refusing[0]} is listed as active but its port refuses"
                : $"silos {string.Join(", ", refusing)} are listed as active but their ports refuse";
            throw new ClusterUnreachableException(refusing.Count == 0 ? cause
                : who + " connections (killed a moment ago; "
                  + "membership declares a silo dead after its probe timeout); start the run again once membership "
                  + "has caught up. " + char.ToUpperInvariant(cause[0]) + cause[1..]);
        }
        var silos = hosts.Keys.OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        if (silos.Length == 0)
            throw new ClusterUnreachableException($"cluster {settings.ClusterId} has no active silo");
        var pings = silos.Select(s => Answers(management, s, patience)).ToArray();
        var answered = await Task.WhenAll(pings).ConfigureAwait(false);
        var silent = silos.Where((_, i) => !answered[i]).Select(s => s.ToParsableString()).ToList();
        if (silent.Count > 0)
            throw new ClusterUnreachableException(
                $"{(silent.Count == 1 ? "silo " + silent[0] + " is" : "silos " + string.Join(", ", silent) + " are")}"
                + $" listed as active but did not answer within {patience.TotalSeconds:0.#} s: killed a moment ago "
                + "(membership declares a silo dead after its probe timeout) or stopped; start the run again once "
                + "membership has caught up");
        return [.. silos.Select(s => s.ToParsableString())];
    }

    // Whether a silo's own port refuses a TCP connection: nothing listens there, so the silo is gone.
    private static async Task<bool> Refuses(string silo)
    {
        var address = SiloAddress.FromParsableString(silo);
        using var socket = new Socket(SocketType.Stream,
            ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(address.Endpoint).WaitAsync(TimeSpan.FromSeconds(3))
                .ConfigureAwait(false);
            return false;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionRefused;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task<bool> Answers(IManagementGrain management, SiloAddress silo, TimeSpan patience)
    {
        try
        {
            await management.GetRuntimeStatistics([silo]).WaitAsync(patience).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    public async Task<RunReport> RunAsync(Scenario scenario, IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var o = _source.Overrides;
        var text = new ScenarioText(_source.FileLabel, _source.Text)
        {
            Seed = o.Seed, Speed = o.Speed, Sets = [.. o.Sets.Select(s => new ScenarioSet(s.Key, s.Value))],
            SysctlFile = o.SysctlFile,
            Files =
                [.. o.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new ScenarioFile(f.Key, f.Value))],
        };
        var setup = new RunSetup(RunId(scenario), text, _silos);
        var watchdog = new ClusterWatchdog(Client, _redis, _settings.Redis?.Endpoints ?? "", _silos,
            _settings.AnswerTimeout);
        var report = await GrainRun.RunAsync(Client, setup, scenario, progress, cancellation, watchdog)
            .ConfigureAwait(false);
        _faulted = report.Status == RunStatus.ClusterFailed;
        return report;
    }

    // Grain keys carry the run id, so it must never repeat on a long-lived cluster.
    private static string RunId(Scenario scenario) => string.Create(CultureInfo.InvariantCulture,
        $"{new string([.. scenario.Name.Where(char.IsAsciiLetterOrDigit)])}-"
        + $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}");


    // Stops the client, waiting at most so long: a client whose cluster has gone may not finish saying goodbye.
    private static async Task StopAsync(IHost host, TimeSpan patience)
    {
        using var cancel = new CancellationTokenSource(patience);
        var stopping = host.StopAsync(cancel.Token);
        if (await Task.WhenAny(stopping, Task.Delay(patience + TimeSpan.FromSeconds(1))).ConfigureAwait(false)
            != stopping)
        {
            _ = stopping.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return;                                    // left behind: the process is about to end
        }
        try
        {
            await stopping.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The cluster went away first: nothing to say goodbye to.
        }
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_host, _faulted ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _redis?.Dispose();
    }
}
