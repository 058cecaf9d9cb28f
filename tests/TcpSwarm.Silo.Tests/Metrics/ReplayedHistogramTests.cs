using CsCheck;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;
using static TcpSwarm.Silo.Tests.Exported;

namespace TcpSwarm.Silo.Tests.Metrics;

/// <summary>Whatever durations the engine counts, the exported handshake histogram has its buckets, count and sum.
/// </summary>
public sealed class ReplayedHistogramTests
{
    // Durations anywhere, exactly on a bound (they belong to the lower bucket), zero, and past the last bound.
    private static readonly Gen<double> Duration = Gen.OneOf(
        Gen.Double[0, 200], Gen.Int[0, DurationHistogram.Bounds.Length - 1].Select(i => DurationHistogram.Bounds[i]),
        Gen.Const(0.0), Gen.Double[127, 1e5]);

    [Fact]
    public void Any_durations_sampled_in_any_batches_export_the_engines_buckets_and_sum()
    {
        var scenario = Runs.Load(Runs.Busy);
        uint host = scenario.Clients[0].Addresses.First;
        Duration.Array[0, 40].Array[1, 6].Sample(batches =>
        {
            using var exported = new Exported();
            var engine = new DurationHistogram();
            for (int k = 0; k < batches.Length; k++)
            {
                foreach (var d in batches[k]) engine.Record(TimeSpan.FromSeconds(d));
                var sample = new RunSample(TimeSpan.FromSeconds(k + 1), [Host(host, engine)], k, k, [(0L, 0L)]);
                exported.Metrics.Observe(scenario, sample, TimeSpan.FromSeconds(k + 1));
                var c = exported.Collect();
                var buckets = new long[DurationHistogram.Bounds.Length + 1];
                double sum = 0;
                foreach (var (_, point) in Points(c, "tcpswarm.handshake.duration"))
                {
                    int i = 0;
                    foreach (var b in point.GetHistogramBuckets()) buckets[i++] += b.BucketCount;
                    sum += point.GetHistogramSum();
                }
                Assert.Equal(engine.Counts, buckets);
                Assert.True(Math.Abs(sum - engine.SumSeconds) <= 1e-9 * Math.Max(1, engine.SumSeconds),
                    $"{sum} vs {engine.SumSeconds}");
            }
        }, iter: 60, threads: 1);   // one provider at a time: each hears every TcpSwarm meter
    }

    private static HostSample Host(uint address, DurationHistogram handshakes) => new(
        Host: address, ClientGroup: 0, Attempts: handshakes.Total, Outcomes: Outcomes.None, Admitted: 0, Accepted: 0,
        States: new long[11], SynReceived: 0, TimeWait: 0, PortsInUse: 0, Counters: new long[TcpExtCounters.Count],
        Listeners: [], SegmentsSent: 0, SegmentsLost: 0, Retransmissions: 0, LiveEndpoints: 0, FullSockets: 0)
    {
        HandshakeBuckets = handshakes.Snapshot(),
        HandshakeSeconds = handshakes.SumSeconds,
    };
}
