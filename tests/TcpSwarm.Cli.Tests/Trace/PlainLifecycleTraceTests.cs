namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>One plain connection run by the real program, read back by the real tshark: handshake, exchange,
/// teardown.</summary>
public sealed class PlainLifecycleTraceTests
{
    private const string Scenario = """
        # What does one plain request and response look like on the wire?
        seed: 1
        duration: 2s
        servers:
          - { name: web, address: 10.0.1.10, port: 80, backlog: 128, response: { bytes: 1000 } }
        clients:
          - name: one
            addresses: 10.0.0.1
            target: web
            arrivals: { bursts: { size: 1, every: 24h } }
            session: { request: 100B, closes: client, close: fin }
        paths:
          - { from: one, to: web, latency: { fixed: 10ms } }
        trace: { sample: 100%, max: 10 }
        """;

    private const string C = "10.0.0.1", S = "10.0.1.10";

    [Fact]
    public async Task The_servers_pcap_shows_the_handshake_the_exchange_and_the_three_segment_teardown()
    {
        using var folder = new TempFolder();
        var yaml = folder.File("plain.yaml");
        await File.WriteAllTextAsync(yaml, Scenario, TestContext.Current.CancellationToken);
        await Run(yaml, folder.File("out"));

        var rows = await Tshark.Fields(Path.Combine(folder.File("out"), "trace.pcap"),
            "frame.time_epoch", "ip.src", "tcp.flags.str", "tcp.seq", "tcp.ack", "tcp.len");
        // 10 ms each way. The client's third ACK and its request leave together at 20 ms; the server ACKs the request
        // at once (quick-ACK mode: its first data) and answers it; the client quick-ACKs the response and closes, and
        // the server, interactive since its reply, holds the ACK of the FIN for its own, which its application sends
        // as soon as it reads end of file.
        string[] expected =
        [
            Row("0.010000000", C, "S", 0, 0, 0),
            Row("0.010000000", S, "SA", 0, 1, 0),
            Row("0.030000000", C, "A", 1, 1, 0),
            Row("0.030000000", C, "AP", 1, 1, 100),
            Row("0.030000000", S, "A", 1, 101, 0),
            Row("0.030000000", S, "AP", 1, 101, 1000),
            Row("0.050000000", C, "A", 101, 1001, 0),
            Row("0.050000000", C, "FA", 101, 1001, 0),
            Row("0.050000000", S, "FA", 1001, 102, 0),
            Row("0.070000000", C, "A", 102, 1002, 0),
        ];
        Assert.Equal(expected, rows);
        Assert.Empty(await Tshark.Filter(Path.Combine(folder.File("out"), "trace.pcap"), Tshark.Broken));
    }

    private static string Row(string time, string from, string flags, int seq, int ack, int len) =>
        string.Join('\t', time, from, Tshark.FlagString(flags), seq, ack, len);

    private static async Task Run(string scenario, string folder)
    {
        var (code, _, error) = await RealProcess.Run("run", scenario, "--out", folder);
        Assert.True(code == 0, error);
    }
}
