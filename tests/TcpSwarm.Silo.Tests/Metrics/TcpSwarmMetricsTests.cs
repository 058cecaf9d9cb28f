using OpenTelemetry.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;
using static TcpSwarm.Silo.Tests.Exported;

namespace TcpSwarm.Silo.Tests.Metrics;

/// <summary>The TcpSwarm meter as an exporter reads it, against what the same run writes to summary.json and the
/// time series.</summary>
public sealed class TcpSwarmMetricsTests
{
    [Fact]
    public async Task Exported_duration_histograms_equal_the_time_series_buckets_count_and_sum_at_every_sample()
    {
        var scenario = Runs.Load(Runs.Busy);
        var samples = await Runs.BusySamples;
        using var exported = new Exported();
        foreach (var sample in samples)
        {
            exported.Metrics.Observe(scenario, sample, sample.VirtualTime);
            var collected = exported.Collect();
            var row = TimeSeriesBuilder.Row(scenario, sample);
            AssertHistogram(collected, "tcpswarm.handshake.duration", row.Handshake,
                sample.Hosts.Sum(h => h.HandshakeSeconds));
            AssertHistogram(collected, "tcpswarm.syn_received.duration", row.SynReceivedTime,
                sample.Hosts.Sum(h => h.SynReceivedSeconds));
            AssertHistogram(collected, "tcpswarm.connection.duration", row.Lifetime,
                sample.Hosts.Sum(h => h.LifetimeSeconds));
        }
        // The run reached the buckets that matter: handshakes whose SYN was resent once (1 to 3 s) and more.
        var last = TimeSeriesBuilder.Row(scenario, samples[^1]);
        int oneSecond = Array.IndexOf(DurationHistogram.Bounds, 3.0);
        Assert.True(last.Handshake[oneSecond] > 0 && last.Handshake[..oneSecond].Sum() > 100,
            string.Join(' ', last.Handshake));
        Assert.True(last.SynReceivedTime.Skip(oneSecond).Sum() > 0, string.Join(' ', last.SynReceivedTime));
    }

    private static void AssertHistogram(IReadOnlyList<MetricSnapshot> collected, string name, long[] expected,
        double expectedSum)
    {
        var buckets = new long[DurationHistogram.Bounds.Length + 1];
        long count = 0;
        double sum = 0;
        foreach (var (_, point) in Points(collected, name))
        {
            int i = 0;
            foreach (var bucket in point.GetHistogramBuckets())
            {
                if (i < DurationHistogram.Bounds.Length)
                    Assert.Equal(DurationHistogram.Bounds[i], bucket.ExplicitBound);
                buckets[i++] += bucket.BucketCount;
            }
            count += point.GetHistogramCount();
            sum += point.GetHistogramSum();
            Assert.False(point.TryGetHistogramMinMaxValues(out _, out _));   // replayed values have no true extremes
        }
        Assert.Equal(expected, buckets);
        Assert.Equal(expected.Sum(), count);
        Assert.True(Math.Abs(sum - expectedSum) <= 1e-9 * Math.Max(1, expectedSum), $"{name}: {sum} vs {expectedSum}");
    }

    [Fact]
    public async Task The_last_values_agree_with_the_runs_summary()
    {
        var scenario = Runs.Load(Runs.Busy);
        var samples = await Runs.BusySamples;
        var summary = RunSummaryBuilder.Build(scenario, samples);
        using var exported = new Exported();
        foreach (var sample in samples) exported.Metrics.Observe(scenario, sample, sample.VirtualTime);
        var c = exported.Collect();

        Assert.Equal(summary.Attempts, Sum(c, "tcpswarm.connection.attempts"));
        foreach (var client in summary.Clients)
        {
            var g = ("tcpswarm.client.group", (object)client.Name);
            Assert.Equal(client.Attempts, Sum(c, "tcpswarm.connection.attempts", g));
            Assert.Equal(client.Outcomes.Completed, Sum(c, "tcpswarm.connection.completed", g));
            const string Failures = "tcpswarm.connection.failures";
            Assert.Equal(client.Outcomes.Refused, Sum(c, Failures, g, ("error.type", "ECONNREFUSED")));
            Assert.Equal(client.Outcomes.Reset, Sum(c, Failures, g, ("error.type", "ECONNRESET")));
            Assert.Equal(client.Outcomes.TimedOut, Sum(c, Failures, g, ("error.type", "ETIMEDOUT")));
            Assert.Equal(client.Outcomes.PortExhausted, Sum(c, Failures, g, ("error.type", "EADDRNOTAVAIL")));
            Assert.Equal(client.PeakTimeWait, Sum(c, "tcpswarm.time_wait.peak", g));
            Assert.Equal(client.PeakPortsInUse, Sum(c, "tcpswarm.port.peak", g));
            AssertCounters(client.Counters, c, g);
        }
        foreach (var server in summary.Servers)
        {
            var s = ("tcpswarm.server.name", (object)server.Name);
            Assert.Equal(server.Admitted, Sum(c, "tcpswarm.listener.admitted", s));
            Assert.Equal(server.Accepted, Sum(c, "tcpswarm.listener.accepted", s));
            Assert.Equal(server.PeakSynQueue, Sum(c, "tcpswarm.listener.syn_queue.peak", s));
            Assert.Equal(server.SynQueueLimit, Sum(c, "tcpswarm.listener.syn_queue.limit", s));
            Assert.Equal(server.PeakAcceptQueue, Sum(c, "tcpswarm.listener.accept_queue.peak", s));
            Assert.Equal(server.AcceptQueueLimit, Sum(c, "tcpswarm.listener.accept_queue.limit", s));
            Assert.Equal(server.PeakTimeWait, Sum(c, "tcpswarm.time_wait.peak", s));
            AssertCounters(server.Counters, c, s);
        }
        var flood = summary.Attackers.Single();
        Assert.Equal(flood.SpoofedSyns, Sum(c, "tcpswarm.attacker.syns", ("tcpswarm.attacker.name", "flood")));
        Assert.Equal(flood.Lost, Sum(c, "tcpswarm.attacker.lost"));
        Assert.Equal(summary.VirtualSeconds, Sum(c, "tcpswarm.simulation.virtual_time"));
        Assert.Equal(samples[^1].Events, Sum(c, "tcpswarm.simulation.events"));
        // The figures a dashboard needs most were exercised, not zeros.
        Assert.Contains(summary.Servers[0].Counters, k => k.Key == "ListenOverflows" && k.Value > 0);
        Assert.True(summary.Clients[0].Outcomes.Reset > 0, $"{summary.Clients[0].Outcomes}");
        Assert.True(summary.Clients[0].PeakTimeWait > 100 && summary.Servers[1].PeakTimeWait > 10);
    }

    // summary.json lists the non-zero counters; the meter has every one, the others at 0.
    private static void AssertCounters(IReadOnlyList<KeyValuePair<string, long>> expected,
        IReadOnlyList<MetricSnapshot> c, (string, object) owner)
    {
        foreach (var name in Enum.GetNames<TcpExt>())
        {
            long want = expected.FirstOrDefault(k => k.Key == name).Value;
            Assert.True(want == Sum(c, "tcpswarm.tcpext", owner, ("tcpswarm.counter.name", name)), $"{owner} {name}");
        }
    }

    [Fact]
    public async Task Sockets_by_state_add_up_to_every_live_socket_and_name_scenario_objects_only()
    {
        var scenario = Runs.Load(Runs.Busy);
        var samples = await Runs.BusySamples;
        using var exported = new Exported();
        string[] allowed =
        [
            "network.connection.state", "tcpswarm.client.group", "tcpswarm.target.name", "tcpswarm.server.name",
            "tcpswarm.server.shard", "tcpswarm.counter.name", "error.type", "tcpswarm.segment.direction",
            "tcpswarm.segment.kind", "tcpswarm.attacker.name", "tcpswarm.silo.peer", "tcpswarm.drop.reason",
            "tcpswarm.event",
        ];
        foreach (var sample in samples.Where((_, i) => i % 5 == 4))
        {
            exported.Metrics.Observe(scenario, sample, sample.VirtualTime);
            var c = exported.Collect();
            var row = TimeSeriesBuilder.Row(scenario, sample);
            Assert.Equal(row.States.Sum(), Sum(c, "tcpswarm.connection.usage"));
            Assert.Equal(row.States[(int)TcpState.TimeWait], Sum(c, "tcpswarm.time_wait.usage"));
            Assert.Equal(row.States[(int)TcpState.SynReceived], Sum(c, "tcpswarm.connection.usage",
                ("network.connection.state", "syn_received")));
            Assert.Equal(row.SegmentsSent, Sum(c, "tcpswarm.segments.sent"));
            foreach (var snapshot in c.Where(m => m.Name.StartsWith("tcpswarm.", StringComparison.Ordinal)))
                foreach (var (tags, _) in Points(c, snapshot.Name))
                    foreach (var (key, value) in tags)
                    {
                        Assert.Contains(key, allowed);
                        bool address = System.Net.IPAddress.TryParse(value?.ToString(), out _);
                        Assert.False(address && key != "tcpswarm.server.shard", $"{snapshot.Name}: {key}={value}");
                    }
        }
    }

    [Fact]
    public async Task Two_silos_each_with_half_the_hosts_add_up_to_one_silo_with_all()
    {
        var scenario = Runs.Load(Runs.Busy);
        var samples = await Runs.BusySamples;
        using var whole = new Listening();
        using var even = new Listening();
        using var odd = new Listening();
        foreach (var s in samples)
        {
            var wall = s.VirtualTime * 2;
            whole.Metrics.Observe(scenario, s, wall);
            even.Metrics.Observe(scenario, Part(s, 0), wall);
            odd.Metrics.Observe(scenario, Part(s, 1), wall);
        }
        var w = whole.Listened.Read();
        var e = even.Listened.Read();
        var o = odd.Listened.Read();
        Assert.True(e.Count > 100 && o.Count > 100 && w.Count > 200, $"{e.Count} {o.Count} {w.Count}");
        foreach (var key in w.Keys.Union(e.Keys).Union(o.Keys))
        {
            double a = e.GetValueOrDefault(key), b = o.GetValueOrDefault(key), all = w.GetValueOrDefault(key);
            bool same = key.StartsWith("tcpswarm.simulation.", StringComparison.Ordinal)
                        && !key.Contains("events", StringComparison.Ordinal)
                        || key.StartsWith("tcpswarm.time_wait.length", StringComparison.Ordinal);
            var parts = new[] { e, o }.Where(d => d.ContainsKey(key)).Select(d => d[key]).ToList();
            if (key.StartsWith("tcpswarm.event.first_seen{", StringComparison.Ordinal))      // min() across silos
                Assert.True(all == parts.Min(), $"{key}: {string.Join(", ", parts)}, one silo {all}");
            else if (key.StartsWith("tcpswarm.event.last_seen{", StringComparison.Ordinal))  // max() across silos
                Assert.True(all == parts.Max(), $"{key}: {string.Join(", ", parts)}, one silo {all}");
            else if (same)                                                  // max() across silos
                Assert.True(all == Math.Max(a, b) && a == b, $"{key}: {a} and {b}, one silo {all}");
            else if (key.Contains(".peak{tcpswarm.client.group", StringComparison.Ordinal))
                Assert.True(all <= a + b && all >= Math.Max(a, b), $"{key}: {a} + {b} vs {all}");     // a peak of a sum
            else if (key.Contains("#sum", StringComparison.Ordinal))
                Assert.True(Math.Abs(a + b - all) <= 1e-9 * Math.Max(1, all), $"{key}: {a} + {b} vs {all}");
            else
                Assert.True(a + b == all, $"{key}: {a} + {b} vs {all}");
        }
    }

    // One silo's view of a sample: its hosts (by address parity), its share of events, its attackers only.
    private static RunSample Part(RunSample s, uint parity) => s with
    {
        Hosts = [.. s.Hosts.Where(h => (h.Host & 1) == parity)],
        Events = parity == 0 ? s.Events / 3 : s.Events - s.Events / 3,
        Attackers = [.. s.Attackers.Select((a, i) => i % 2 == parity ? a : (0L, 0L))],
    };

    [Fact]
    public async Task Speed_is_virtual_seconds_per_wall_second_and_lag_is_wall_time_behind_the_pace()
    {
        var scenario = Runs.Load(Runs.Busy) with { Speed = new Pacing(1) };
        var samples = await Runs.BusySamples;                                           // the engine never reads Speed
        using var exported = new Exported();
        exported.Metrics.Observe(scenario, samples[1], TimeSpan.FromSeconds(1));        // virtual 1 s: on time
        var c = exported.Collect();
        Assert.Equal(1, Sum(c, "tcpswarm.simulation.speed"));
        Assert.Equal(0, Sum(c, "tcpswarm.simulation.lag"));
        exported.Metrics.Observe(scenario, samples[3], TimeSpan.FromSeconds(5));        // virtual 2 s after 5 s
        c = exported.Collect();
        Assert.Equal(0.25, Sum(c, "tcpswarm.simulation.speed"));
        Assert.Equal(3, Sum(c, "tcpswarm.simulation.lag"));
        Assert.Equal(2, Sum(c, "tcpswarm.simulation.virtual_time"));
        Assert.Equal(samples[3].Windows, Sum(c, "tcpswarm.simulation.windows"));
    }

    [Fact]
    public void Inter_silo_traffic_reads_zero_until_a_peer_then_adds_up_per_peer()
    {
        using var exported = new Exported();
        var c = exported.Collect();
        Assert.Equal(0, Sum(c, "tcpswarm.cluster.messages"));
        Assert.Single(Points(c, "tcpswarm.cluster.bytes"));
        exported.Metrics.RecordExchange("silo-b", 3, 300);
        exported.Metrics.RecordExchange("silo-c", 1, 50);
        exported.Metrics.RecordExchange("silo-b", 2, 200);
        c = exported.Collect();
        Assert.Equal(5, Sum(c, "tcpswarm.cluster.messages", ("tcpswarm.silo.peer", "silo-b")));
        Assert.Equal(500, Sum(c, "tcpswarm.cluster.bytes", ("tcpswarm.silo.peer", "silo-b")));
        Assert.Equal(50, Sum(c, "tcpswarm.cluster.bytes", ("tcpswarm.silo.peer", "silo-c")));
        Assert.Equal(2, Points(c, "tcpswarm.cluster.messages").Count());
    }
}
