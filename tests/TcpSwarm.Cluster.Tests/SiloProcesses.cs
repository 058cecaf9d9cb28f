using System.Globalization;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Real `tcpswarm silo` processes joining one cluster through a Redis server, with quick failure detection.
/// </summary>
internal sealed class SiloProcesses : IAsyncDisposable
{
    private readonly List<(ChildProcess Process, int SiloPort)> _silos = [];

    private SiloProcesses(string clusterId) => ClusterId = clusterId;

    /// <summary>Unique per test, so that runs of other tests never see these silos.</summary>
    public string ClusterId { get; }

    public IReadOnlyList<(ChildProcess Process, int SiloPort)> Silos => _silos;

    /// <param name="more">More options for the i-th silo (its metrics port, say).</param>
    /// <param name="environment">Variables for every silo (a password, say).</param>
    /// <param name="connection">--redis's value; default: the server's connection string, password and all.</param>
    /// <param name="probeTimeout">--probe-timeout's value: by default 1s, so that a lost silo is declared dead within
    /// seconds; a long one leaves a killed silo listed as active for as long as a test needs.</param>
    public static async Task<SiloProcesses> StartAsync(RedisServer redis, int count, Func<int, string[]>? more = null,
        IReadOnlyDictionary<string, string>? environment = null, string? connection = null, string probeTimeout = "1s")
    {
        var silos = new SiloProcesses("test" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            for (int i = 0; i < count; i++)
            {
                int siloPort = FreePort.Next(), gatewayPort = FreePort.Next();
                var process = ChildProcess.TcpswarmWith(environment ?? new Dictionary<string, string>(), ["silo",
                    "--redis", connection ?? redis.Connection, "--cluster-id", silos.ClusterId, "--silo-port",
                    Text(siloPort), "--gateway-port", Text(gatewayPort), "--probe-timeout", probeTimeout,
                    .. more?.Invoke(i) ?? []]);
                silos._silos.Add((process, siloPort));
            }
            foreach (var (process, _) in silos._silos)
                await process.WaitForLine(l => l.Contains("joined cluster", StringComparison.Ordinal),
                    ChildProcess.Patience, "the silo's 'joined cluster' line");
            return silos;
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    /// <summary>A run's partitions go to the silos in the ordinal order of their addresses, so partition 0 (the
    /// run's clock) is on the silo with the lowest port; the last is on the highest.</summary>
    public (ChildProcess Process, int SiloPort) Last =>
        _silos.OrderBy(s => "127.0.0.1:" + Text(s.SiloPort), StringComparer.Ordinal).Last();

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _silos) await process.DisposeAsync();
    }
}
