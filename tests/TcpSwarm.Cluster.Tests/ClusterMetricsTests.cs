using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Each silo of a cluster serves its own share of a run's metrics: the shares add up to the run's summary,
/// and the messages and bytes each silo sent the others are there.</summary>
public sealed partial class ClusterMetricsTests
{
    [Fact]
    public async Task Two_silos_scrape_endpoints_add_up_to_the_summary_and_count_what_crossed_between_them()
    {
        await using var redis = await RedisServer.StartAsync();
        int[] metricsPorts = [FreePort.Next(), FreePort.Next()];
        await using var silos = await SiloProcesses.StartAsync(redis, 2,
            i => ["--metrics-port", metricsPorts[i].ToString(CultureInfo.InvariantCulture)]);
        using var temp = new TempFolder();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("hot-server.yaml"), "--set", "duration=2s",
            "--out", temp.Path, "--redis", redis.Connection, "--cluster-id", silos.ClusterId);
        Assert.Equal(0, await run.Exit(TimeSpan.FromMinutes(4)));

        using var http = new HttpClient();
        var scrapes = await Task.WhenAll(metricsPorts.Select(p =>
            http.GetStringAsync(new Uri($"http://127.0.0.1:{p}/metrics"))));
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        long attempts = summary.RootElement.GetProperty("attempts").GetInt64();
        long completed = summary.RootElement.GetProperty("outcomes").GetProperty("completed").GetInt64();

        Assert.Equal(attempts, scrapes.Sum(s => Total(s, "tcpswarm_connection_attempts_total")));
        Assert.Equal(completed, scrapes.Sum(s => Total(s, "tcpswarm_connection_completed_total")));
        // Each silo has its own share, not the whole: placed by traffic, the hot server is on one silo and its clients
        // on the other (docs/placement.md), so each sends some of the segments.
        double sent = scrapes.Sum(s => Total(s, "tcpswarm_segments_sent_total"));
        Assert.All(scrapes, s => Assert.InRange(Total(s, "tcpswarm_segments_sent_total"), 1, sent - 1));
        Assert.All(scrapes, s => Assert.True(Total(s, "tcpswarm_cluster_messages_total") > 100));
        Assert.All(scrapes, s => Assert.True(Total(s, "tcpswarm_cluster_bytes_total") > 10_000));
    }

    // The sum of every series of a metric in Prometheus' text format.
    private static double Total(string scrape, string metric) => Series(scrape)
        .Where(m => m.Groups["name"].Value == metric)
        .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    private static MatchCollection Series(string scrape) => SeriesLine().Matches(scrape);

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
