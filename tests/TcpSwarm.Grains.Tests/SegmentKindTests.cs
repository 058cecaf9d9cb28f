using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>Segments are counted by kind, each one kind: what a plain lifecycle sends, segment by segment.</summary>
public sealed class SegmentKindTests
{
    [Theory]
    [InlineData(TcpFlags.Syn, 0, SegmentKind.Syn)]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, 0, SegmentKind.SynAck)]
    [InlineData(TcpFlags.Ack, 0, SegmentKind.Ack)]
    [InlineData(TcpFlags.Ack | TcpFlags.Psh, 100, SegmentKind.Data)]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack, 0, SegmentKind.Fin)]
    [InlineData(TcpFlags.Fin | TcpFlags.Ack | TcpFlags.Psh, 100, SegmentKind.Fin)]
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, 0, SegmentKind.Rst)]
    [InlineData(TcpFlags.Rst | TcpFlags.Syn, 0, SegmentKind.Rst)]
    public void Each_segment_is_the_first_kind_that_fits(TcpFlags flags, int length, SegmentKind kind)
    {
        var seg = new Segment(1, 1000, 2, 80, new SeqNum(1), new SeqNum(2), flags, 1000, (ushort)length);
        Assert.Equal(kind, SegmentKindTable.Of(in seg));
    }

    [Fact]
    public async Task A_plain_lifecycle_sends_the_handshake_one_request_one_response_and_a_three_segment_teardown()
    {
        var scenario = Scenarios.Load("""
            # What does one plain request and response send, by kind?
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
            """);
        var samples = await new LocalCluster(scenario).Clock.RunAsync(null, TestContext.Current.CancellationToken);
        var hosts = samples[^1].Hosts;
        long[] Kinds(uint host) => hosts.Single(h => h.Host == host).SentByKind;

        // As tshark reads the same run (Cli.Tests PlainLifecycleTraceTests): the client sends S, A, AP 100, A (its
        // quick ACK of the response, the first data it receives), FA, A; the server SA, A (its quick ACK of the
        // request, sent before the application answers), AP 1000, FA (its FIN carries the ACK of the client's: the
        // reply made it interactive, so that ACK waited).
        long[] client = new long[SegmentKindTable.Count], server = new long[SegmentKindTable.Count];
        client[(int)SegmentKind.Syn] = 1;
        client[(int)SegmentKind.Ack] = 3;
        client[(int)SegmentKind.Data] = 1;
        client[(int)SegmentKind.Fin] = 1;
        server[(int)SegmentKind.SynAck] = 1;
        server[(int)SegmentKind.Ack] = 1;
        server[(int)SegmentKind.Data] = 1;
        server[(int)SegmentKind.Fin] = 1;
        Assert.Equal(client, Kinds(Ipv4.Parse("10.0.0.1")));
        Assert.Equal(server, Kinds(Ipv4.Parse("10.0.1.10")));
        Assert.All(hosts, h => Assert.Equal(h.SegmentsSent, h.SentByKind.Sum()));
    }
}
