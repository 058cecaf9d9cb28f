using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Silo.Tests;

/// <summary>Small scenarios run by the engine in this process (no Orleans), for their samples.</summary>
internal static class Runs
{
    /// <summary>Clients beside a flood that fills the SYN queue, an accept queue that overflows, a black-holed
    /// stretch that makes handshakes retry (the 1 to 3 s bucket), and resets from tcp_abort_on_overflow.</summary>
    public const string Busy = """
        # What do clients see beside a flood, a slow application and a black hole?
        seed: 5
        duration: 12s
        sample_interval: 500ms
        sysctl: { net.ipv4.tcp_syncookies: 1, net.ipv4.tcp_abort_on_overflow: 1 }
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 32, accept: { rate: 60/s }, response: { bytes: 3000 } }
          - { name: api, address: 10.0.1.20, port: 443, backlog: 16, reuseport: 2 }
        clients:
          - name: browsers
            addresses: 10.0.0.0/29
            target: web
            arrivals: { poisson: 90/s }
            session: { request: 300B, closes: client }
          - name: apps
            addresses: 10.0.2.0/30
            target: api
            arrivals: { constant: 40/s }
            session: { request: 100B, closes: server }
        attackers:
          - { name: flood, target: web, spoofed_from: 198.51.100.0/24, syn_rate: 300/s, start: 2s, stop: 6s }
        paths:
          - { from: browsers, to: web, latency: { uniform: { min: 4ms, max: 9ms } }, loss: 2% }
          - { from: apps, to: api, latency: { fixed: 3ms } }
          - { from: flood, to: web, latency: { fixed: 5ms } }
        faults:
          - { black_hole: api, from: 4s, until: 5s }
        """;

    public static Scenario Load(string yaml)
    {
        var result = ScenarioLoader.LoadFromText("test.yaml", yaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Scenario!;
    }

    private static readonly Lazy<Task<IReadOnlyList<RunSample>>> BusyRun =
        new(() => new LocalCluster(Load(Busy)).Clock.RunAsync(null, CancellationToken.None));

    /// <summary>The samples of <see cref="Busy"/>, run once for every test that reads them: the run is deterministic
    /// and its samples are only read. Not cancelled with the first test that asks, which would leave the others a
    /// partial run.</summary>
    public static Task<IReadOnlyList<RunSample>> BusySamples => BusyRun.Value;
}
