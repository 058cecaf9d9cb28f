using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>load/lost-third-ack.yaml through the grains: the textbook account of a lost third ACK, segment by
/// segment.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class LostThirdAckTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_server_resends_its_synack_at_the_profiles_offsets_forgets_the_request_and_resets_the_write()
    {
        var scenario = Scenarios.FromFile("lost-third-ack.yaml");
        var (_, _, clock) = await fixture.PrepareAsync(scenario);
        var samples = await clock.RunAsync(null, CancellationToken.None);
        var summary = RunSummaryBuilder.Build(scenario, samples);

        var server = scenario.Servers[0].Address;
        var sent = (await clock.TraceAsync()).Where(r => r.Host == server && r.Sent)
            .Select(r => (r.At.Milliseconds, SegmentText.Flags(r.Segment.Flags))).ToArray();
        // The SYN arrives at 10 ms; its SYN-ACK leaves then and again 1, 3, 7, 15 and 31 s later (never acknowledged:
        // every pure ACK of the client is dropped). At 63 s the request is gone; the client, connected at 20 ms, writes
        // 70 s later, and its data meets the listener with no request: RST <SEQ=SEG.ACK>.
        (long, string)[] expected =
        [
            (10, "SYN,ACK"), (1_010, "SYN,ACK"), (3_010, "SYN,ACK"), (7_010, "SYN,ACK"), (15_010, "SYN,ACK"),
            (31_010, "SYN,ACK"), (70_030, "RST"),
        ];
        Assert.Equal(expected, sent);
        Assert.Equal(1, summary.Attempts);
        Assert.Equal(1, summary.Outcomes.Reset);
        var counters = summary.Servers[0].Counters.ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(6, counters[nameof(TcpExt.TCPTimeouts)]);        // five resends and the expiry that drops it
        Assert.Equal(0, summary.Servers[0].Admitted);

        // The request lived exactly 63 s in the SYN queue (bucket (31, 63]); the handshake took 20 ms ((10, 25] ms).
        var last = samples[^1].Hosts;
        var serverBuckets = last.First(h => h.Host == server).SynReceivedBuckets;
        var clientBuckets = last.First(h => h.Host != server).HandshakeBuckets;
        Assert.Equal(63, DurationHistogram.Bounds[12]);
        Assert.Equal(1, serverBuckets[12]);
        Assert.Equal(1, serverBuckets.Sum());
        Assert.Equal(0.025, DurationHistogram.Bounds[2]);
        Assert.Equal(1, clientBuckets[2]);
        Assert.Equal(1, clientBuckets.Sum());
    }
}
