using TcpSwarm.Grains;
using System.Reflection;

namespace TcpSwarm.Cli.Bench;

/// <summary>The bench's TcpSwarm workloads, each written as a scenario a user could have written: Linux defaults, a
/// fixed path latency of 5 ms each way, `speed: max`.</summary>
internal static class BenchScenarios
{
    /// <summary>One-way latency of every bench path: a few ms, as between two racks or two nearby buildings.</summary>
    public const string Latency = "5ms";

    /// <summary>Closed-loop clients over 256 addresses; every lifecycle is a handshake, a 200-byte request, a
    /// 1,000-byte response, the client's close first, TIME_WAIT on the client.</summary>
    /// <remarks>2,560 sessions, 10 per address: at about 30 ms a lifecycle an address opens some 330 connections per
    /// virtual second, so its TIME_WAIT records (60 s) stay far below its 28,232 ports for the run.</remarks>
    public static BenchWorkload Churn(double virtualSeconds) => new("churn",
        $"churn: 2,560 closed-loop clients on 256 addresses, handshake + 200 B request + 1,000 B response + client "
        + $"close + TIME_WAIT, {Latency} each way, {BenchWorkload.Seconds(virtualSeconds)} virtual",
        $$"""
        # Bench churn: how many whole connection lifecycles per wall second?
        seed: 1
        duration: {{BenchWorkload.Seconds(virtualSeconds)}}
        servers:
          - { name: web, address: 10.1.0.1, port: 80, response: { bytes: 1000B } }
        clients:
          - name: churn
            addresses: 10.0.0.0/24
            target: web
            arrivals: { closed_loop: { concurrent: 2560 } }
            session: { request: 200B, think: 0ms, requests: 1, closes: client, close: fin }
        paths:
          - { from: churn, to: web, latency: { fixed: {{Latency}} } }
        """);

    /// <summary>A spoofed SYN flood of 500,000 SYN/s from a /15 against a listener with tcp_syncookies=2: every SYN
    /// is answered by a cookie SYN-ACK that goes nowhere, and nothing is kept.</summary>
    public static BenchWorkload Flood(double virtualSeconds) => new("flood",
        $"flood: 500,000 spoofed SYN/s from 198.18.0.0/15 at one listener, tcp_syncookies=2 (a cookie SYN-ACK for "
        + $"every SYN), {Latency} each way, {BenchWorkload.Seconds(virtualSeconds)} virtual",
        $$"""
        # Bench flood: how many segments per wall second does a host handle under a spoofed SYN flood?
        seed: 1
        duration: {{BenchWorkload.Seconds(virtualSeconds)}}
        sysctl:
          net.ipv4.tcp_syncookies: 2
        servers:
          - { name: web, address: 10.1.0.1, port: 443 }
        attackers:
          - { name: flood, target: web, spoofed_from: 198.18.0.0/15, syn_rate: 500000/s }
        paths:
          - { from: flood, to: web, latency: { fixed: {{Latency}} } }
        """);

    /// <summary>N connections opened at a constant rate, each holding ESTABLISHED on both sides: the client thinks
    /// for an hour before its request, far past the run's end.</summary>
    /// <remarks>The run goes on <see cref="Hold"/> after the last connection opens: every connection is then held
    /// idle past the time an idle endpoint's grain is parked with its host (ParkedEndpoints), the steady state of a
    /// silo holding them; the probe also keeps the peak working set of the ramp itself.</remarks>
    /// <remarks>At most 4,000 connections per client address (well inside its 28,232 ports); the rate keeps about
    /// 1,000 requests in the SYN queue (rate × RTT), below the default backlog, so Linux defaults serve.</remarks>
    public static readonly TimeSpan Hold = ParkedEndpoints.ParkAfter + TimeSpan.FromSeconds(3);

    public static BenchWorkload Ramp(int connections)
    {
        double hold = Hold.TotalSeconds;
        int rate = connections >= 100_000 ? 100_000 : 20_000;
        double openSeconds = (double)connections / rate;
        int addresses = 1;
        while (addresses * 4_000L < connections) addresses *= 2;
        int prefix = 32 - (int)Math.Log2(addresses);
        return new BenchWorkload("ramp",
            $"ramp: {connections:N0} connections opened at {rate:N0}/s from {addresses} addresses, each held "
            + $"ESTABLISHED on both sides (think 1 h) and held {hold:0} s after the last, {Latency} each way, "
            + $"{BenchWorkload.Seconds(openSeconds + hold)} virtual",
            $$"""
            # Bench ramp: what does one ESTABLISHED connection, both sides simulated, cost in memory?
            seed: 1
            duration: {{BenchWorkload.Seconds(openSeconds + hold)}}
            servers:
              - { name: web, address: 10.1.0.1, port: 80 }
            clients:
              - name: hold
                addresses: 10.0.0.0/{{prefix}}
                target: web
                arrivals: { constant: {{rate}}/s }
                stop: {{BenchWorkload.Seconds(openSeconds)}}
                session: { request: 200B, think: 1h, requests: 1, closes: client }
            paths:
              - { from: hold, to: web, latency: { fixed: {{Latency}} } }
            """);
    }

    /// <summary>load/syn-flood.yaml as the repository has it (built into this program), unchanged.</summary>
    public static BenchWorkload SynFloodFile() => new("syn_flood_yaml",
        "load/syn-flood.yaml as shipped: 5,000 spoofed SYN/s and 300 clients/s at a backlog of 1,024, 1% loss, "
        + "tcp_syncookies=1, 60 s virtual",
        ReadResource("TcpSwarm.Cli.Bench.syn-flood.yaml"));

    private static string ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"resource {name} is missing from this build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
