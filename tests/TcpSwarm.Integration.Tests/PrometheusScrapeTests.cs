using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TcpSwarm.Integration.Tests;

/// <summary>What a real Prometheus scraped from a real run: every dashboard panel has data, and the last values are
/// the run's summary.json.</summary>
public sealed partial class PrometheusScrapeTests(WatchedRun run) : IClassFixture<WatchedRun>
{
    // Grafana's $__rate_interval for a 500 ms scrape interval: four scrapes.
    private const string RateInterval = "2s";

    private static readonly (string Bucket, string Errno)[] Errnos =
    [
        ("refused", "ECONNREFUSED"), ("reset", "ECONNRESET"), ("timed_out", "ETIMEDOUT"),
        ("port_exhausted", "EADDRNOTAVAIL"),
    ];

    [Fact]
    public async Task Every_expression_of_every_panel_of_every_dashboard_returns_data_from_the_scraped_run()
    {
        var prometheus = run.Prometheus;
        var (_, _, clock) = await prometheus.RangeAsync("max(tcpswarm_simulation_virtual_time_seconds_total)",
            run.Started, run.Ended);
        var seen = clock.Single().Values.Distinct().Count();
        Assert.True(seen >= 4, $"Prometheus saw virtual time at only {seen} values: rates need the run to move");
        var failures = new List<string>();
        int expressions = 0;
        Assert.Equal(2, Dashboards.Files.Count);
        foreach (var file in Dashboards.Files)
        {
            var variables = Dashboards.Variables(file).ToList();
            foreach (var (name, _, query) in variables)
            {
                var m = LabelValues().Match(query);
                Assert.True(m.Success, $"{file}: variable {name} is not label_values(selector, label): {query}");
                var match = Dashboards.Substitute(m.Groups["match"].Value, variables, RateInterval);
                var values = await prometheus.LabelValuesAsync(m.Groups["label"].Value, match);
                if (values.Count == 0)
                    failures.Add($"{Path.GetFileName(file)}: variable {name} has no value ({query})");
            }
            foreach (var (panel, expr) in Dashboards.Expressions(file))
            {
                expressions++;
                var query = Dashboards.Substitute(expr, variables, RateInterval);
                Assert.DoesNotContain("$", query, StringComparison.Ordinal);
                var (status, error, series) = await prometheus.RangeAsync(query, run.Started, run.Ended);
                if (status != "success") failures.Add($"{panel}: {error}\n    {query}");
                else if (!series.Any(s => s.Values.Any(double.IsFinite)))
                    failures.Add($"{panel}: no data\n    {query}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(expressions >= 40, $"only {expressions} expressions");
    }

    [Fact]
    public async Task The_values_scraped_at_the_end_agree_with_the_runs_summary()
    {
        var summary = run.Summary;
        Assert.Equal(summary.GetProperty("virtual_seconds").GetDouble(),
            await Last("tcpswarm_simulation_virtual_time_seconds_total", "max"));
        Assert.Equal(summary.GetProperty("attempts").GetInt64(), await Last("tcpswarm_connection_attempts_total"));
        foreach (var client in summary.GetProperty("clients").EnumerateObject())
        {
            var g = $"tcpswarm_client_group=\"{client.Name}\"";
            var outcomes = client.Value.GetProperty("outcomes");
            Assert.Equal(Long(outcomes, "completed"), await Last($"tcpswarm_connection_completed_total{{{g}}}"));
            foreach (var (bucket, errno) in Errnos)
                Assert.Equal(Long(outcomes, bucket),
                    await Last($"tcpswarm_connection_failures_total{{{g}, error_type=\"{errno}\"}}"));
            Assert.Equal(Long(client.Value, "peak_time_wait"), await Last($"tcpswarm_time_wait_peak{{{g}}}"));
            Assert.Equal(Long(client.Value, "peak_ports_in_use"), await Last($"tcpswarm_port_peak{{{g}}}"));
            await AssertCounters(client.Value, g);
        }
        foreach (var server in summary.GetProperty("servers").EnumerateObject())
        {
            var s = $"tcpswarm_server_name=\"{server.Name}\"";
            var v = server.Value;
            Assert.Equal(Long(v, "admitted"), await Last($"tcpswarm_listener_admitted_total{{{s}}}"));
            Assert.Equal(Long(v, "accepted"), await Last($"tcpswarm_listener_accepted_total{{{s}}}"));
            Assert.Equal(Long(v, "peak_syn_queue"), await Last($"tcpswarm_listener_syn_queue_peak{{{s}}}"));
            Assert.Equal(Long(v, "syn_queue_limit"), await Last($"tcpswarm_listener_syn_queue_limit{{{s}}}"));
            Assert.Equal(Long(v, "peak_accept_queue"), await Last($"tcpswarm_listener_accept_queue_peak{{{s}}}"));
            Assert.Equal(Long(v, "accept_queue_limit"), await Last($"tcpswarm_listener_accept_queue_limit{{{s}}}"));
            Assert.Equal(Long(v, "peak_time_wait"), await Last($"tcpswarm_time_wait_peak{{{s}}}"));
            await AssertCounters(v, s);
            Assert.True(Long(v.GetProperty("counters"), "TCPReqQFullDoCookies") > 0,
                "the flood never filled the SYN queue");
            foreach (var reason in v.GetProperty("drops").EnumerateObject().Where(r => r.Name != "total"))
                Assert.Equal(reason.Value.GetInt64(),
                    await Last($"tcpswarm_listen_drops_total{{{s}, tcpswarm_drop_reason=\"{reason.Name}\"}}"));
        }
        await AssertEvents(summary);
        foreach (var attacker in summary.GetProperty("attackers").EnumerateObject())
            Assert.Equal(Long(attacker.Value, "spoofed_syns"),
                await Last($"tcpswarm_attacker_syns_total{{tcpswarm_attacker_name=\"{attacker.Name}\"}}"));
        await AssertHandshakeBuckets();
    }

    // summary.json's events, each with its first and last virtual instant and its count; the flood made some.
    private async Task AssertEvents(JsonElement summary)
    {
        var servers = summary.GetProperty("servers").EnumerateObject().Select(p => p.Name).ToHashSet();
        var events = summary.GetProperty("events").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("name").GetString() == "syncookies_sent");
        foreach (var e in events)
        {
            var where = e.GetProperty("where").GetString()!;
            var place = servers.Contains(where) ? "tcpswarm_server_name" : "tcpswarm_client_group";
            var selector = $"{{tcpswarm_event=\"{e.GetProperty("name").GetString()}\", {place}=\"{where}\"}}";
            Assert.Equal(e.GetProperty("first_s").GetDouble(),
                await Last($"tcpswarm_event_first_seen_seconds{selector}", "min"), 9);
            Assert.Equal(e.GetProperty("last_s").GetDouble(),
                await Last($"tcpswarm_event_last_seen_seconds{selector}", "max"), 9);
            Assert.Equal(e.GetProperty("count").GetInt64(), await Last($"tcpswarm_event_occurrences_total{selector}"));
        }
    }

    // Every counter summary.json lists for an owner, by its nstat name; the meter's others are 0.
    private async Task AssertCounters(JsonElement owner, string selector)
    {
        var counters = owner.GetProperty("counters");
        foreach (var counter in counters.EnumerateObject())
            Assert.Equal(counter.Value.GetInt64(),
                await Last($"tcpswarm_tcpext_total{{{selector}, tcpswarm_counter_name=\"{counter.Name}\"}}"));
        var unlisted = string.Join('|', counters.EnumerateObject().Select(c => c.Name).Append("none"));
        Assert.Equal(0, await Last($"tcpswarm_tcpext_total{{{selector}, tcpswarm_counter_name!~\"{unlisted}\"}}"));
    }

    // The exported handshake histogram is timeseries.json's last row: Prometheus' cumulative le buckets.
    private async Task AssertHandshakeBuckets()
    {
        var columns = run.TimeSeries.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        var last = run.TimeSeries.GetProperty("rows").EnumerateArray().Last().EnumerateArray()
            .Select(v => v.GetDouble()).ToList();
        var scraped = (await run.Prometheus.InstantAsync(
                "sum by (le) (last_over_time(tcpswarm_handshake_duration_seconds_bucket[10m]))"))
            .ToDictionary(s => Bound(s.Labels["le"]), s => s.Values[0]);
        double cumulative = 0;
        int buckets = 0;
        for (int i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (!column.StartsWith("handshake_s.", StringComparison.Ordinal)) continue;
            cumulative += last[i];
            buckets++;
            var le = column.StartsWith("handshake_s.over_", StringComparison.Ordinal)
                ? double.PositiveInfinity
                : Bound(column["handshake_s.to_".Length..]);
            Assert.True(scraped.TryGetValue(le, out var value), $"no bucket le={le}");
            Assert.Equal(cumulative, value);
        }
        Assert.Equal(buckets, scraped.Count);
        Assert.True(cumulative > 1000, $"only {cumulative} handshakes");
        Assert.Equal(cumulative, await Last("tcpswarm_handshake_duration_seconds_count"));
    }

    // Prometheus writes a bound as it likes ("1.0" for 1); compared as numbers.
    private static double Bound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);

    // The last value Prometheus scraped (the run has ended, so its series are stale now), added up over series.
    private async Task<double> Last(string selector, string aggregation = "sum")
    {
        var series = await run.Prometheus.InstantAsync($"{aggregation}(last_over_time({selector}[10m]))");
        Assert.True(series.Count == 1, $"{selector}: {series.Count} series");
        return series[0].Values[0];
    }

    private static long Long(JsonElement e, string key) => e.TryGetProperty(key, out var v) ? v.GetInt64() : 0;

    [GeneratedRegex(@"^label_values\((?<match>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();
}
