using System.Text.Json;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Scale out for real: a redis-server, three `tcpswarm silo` processes, `tcpswarm run --redis`; the results
/// are the single-silo run's, byte for byte, and a silo killed mid-run is accounted for.</summary>
public sealed class ThreeSiloRunTests
{
    private static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Three_silo_processes_on_redis_write_the_single_silo_runs_summary_and_time_series_byte_for_byte()
    {
        await using var redis = await RedisServer.StartAsync(password: "s3cret-of-the-test");
        await using var silos = await SiloProcesses.StartAsync(redis, 3);
        using var temp = new TempFolder();
        // A sysctl file named relative to the run's folder: the silos, elsewhere, get its text from the run.
        File.WriteAllText(temp.File("web.sysctl"), "net.ipv4.tcp_synack_retries = 3\nnet.ipv4.tcp_syncookies = 2\n");
        // Busy enough that placement splits it: its clients on two silos, its server on the third, so segments cross.
        string[] scenario = [Repo.Load("hot-server.yaml"), "--seed", "5", "--sysctl-file", "web.sysctl", "--set",
            "duration=2s"];

        await using var alone = ChildProcess.TcpswarmIn(temp.Path, ["run", .. scenario, "--out", temp.File("one")]);
        Assert.Equal(0, await alone.Exit(RunPatience));
        await using var spread = ChildProcess.TcpswarmIn(temp.Path, ["run", .. scenario, "--out", temp.File("three"),
            "--redis", redis.Connection, "--cluster-id", silos.ClusterId]);
        Assert.Equal(0, await spread.Exit(RunPatience));

        // The file reached the engine: without it the same seed gives other figures.
        await using var plain =
            ChildProcess.TcpswarmIn(temp.Path,
                ["run", .. scenario[..3], .. scenario[5..], "--out", temp.File("plain")]);
        Assert.Equal(0, await plain.Exit(RunPatience));
        Assert.NotEqual(File.ReadAllText(Path.Combine(temp.File("plain"), "summary.json")),
            File.ReadAllText(Path.Combine(temp.File("one"), "summary.json")));
        foreach (var file in (string[])["summary.json", "timeseries.csv", "timeseries.json", "trace.pcap"])
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.File("one"), file)),
                File.ReadAllBytes(Path.Combine(temp.File("three"), file)));
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.File("three"), "run.json")));
        var cluster = run.RootElement.GetProperty("cluster");
        Assert.Equal(3, run.RootElement.GetProperty("silos").GetInt32());
        Assert.Equal(3, cluster.GetProperty("silos").GetArrayLength());
        long messages = cluster.GetProperty("messages_between_silos").GetInt64();
        Assert.True(messages > 200, $"{messages} messages in 200 windows of 10 ms");   // the sides talk every window
        Assert.InRange(cluster.GetProperty("peak_messages_in_a_window").GetInt32(), 1, 2);   // one per peer at most
        Assert.True(cluster.GetProperty("waits_for_peers").GetInt64() > 0, "split silos never waited for a promise");
        // The barriers' cost is a part of the wall time, never more (it is measured beside each leg).
        Assert.InRange(cluster.GetProperty("seconds_at_barriers").GetDouble(), 0,
            run.RootElement.GetProperty("wall_seconds").GetDouble());

        // The password went to Redis and nowhere else: not in any output, nor in run.json's command line.
        string[] seen = [spread.Out, spread.Error, .. silos.Silos.Select(s => s.Process.Out + s.Process.Error),
            File.ReadAllText(Path.Combine(temp.File("three"), "run.json"))];
        Assert.All(seen, text => Assert.DoesNotContain(redis.Password!, text, StringComparison.Ordinal));
        Assert.Contains("password=***", seen[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_killed_mid_run_stops_the_run_at_its_last_window_with_exit_3_and_a_whole_account()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 3);
        using var temp = new TempFolder();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("syn-flood.yaml"), "--out", temp.Path, "--redis",
            redis.Connection, "--cluster-id", silos.ClusterId);
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal) && Seconds(l) >= 3,
            ChildProcess.Patience, "a progress line past 3 s of virtual time");
        var victim = silos.Last;
        victim.Process.Kill();

        Assert.Equal(3, await run.Exit(RunPatience));
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        var root = json.RootElement;
        var cluster = root.GetProperty("cluster");
        Assert.Equal("cluster_failed", root.GetProperty("status").GetString());
        Assert.StartsWith($"127.0.0.1:{victim.SiloPort}@", cluster.GetProperty("lost_silo").GetString(),
            StringComparison.Ordinal);
        double reached = cluster.GetProperty("virtual_seconds_reached").GetDouble();
        double asOf = cluster.GetProperty("results_as_of_seconds").GetDouble();
        Assert.InRange(asOf, 3, reached);
        Assert.True(reached < 60, $"the run went on to {reached} s after its silo was killed");
        Assert.Contains($"127.0.0.1:{victim.SiloPort}@", run.Error, StringComparison.Ordinal);

        // Nothing silently lost or counted twice: as of its last sample, every attempt is in one bucket.
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        var s = summary.RootElement;
        long attempts = s.GetProperty("attempts").GetInt64();
        long buckets = s.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt64());
        Assert.True(attempts > 500, $"{attempts} attempts");                    // about 300/s for 3 s or more
        Assert.Equal(attempts, buckets);
        Assert.Equal(asOf, s.GetProperty("virtual_seconds").GetDouble());
        var rows = File.ReadAllLines(temp.File("timeseries.csv"));
        Assert.StartsWith(asOf.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + ",", rows[^1],
            StringComparison.Ordinal);
    }

    // "progress 12.0s/60.0s ..." -> 12.
    private static double Seconds(string line)
    {
        var part = line.Split(' ')[1];
        var head = part[..part.IndexOf('/', StringComparison.Ordinal)].TrimEnd('s');
        return double.TryParse(head, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
    }
}
