using System.Text.Json;

namespace TcpSwarm.Cluster.Tests;

/// <summary>A cluster that fails mid-run or is not fit to start one: exit 3 naming the cause, with the results as of
/// the last completed window on disk; never exit 1, never a hang.</summary>
public sealed class ClusterFaultTests
{
    // Generous: only a hang reaches it. What the tests assert is the exit code and what it says.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Redis_killed_mid_run_stops_the_run_with_exit_3_naming_redis_and_the_results_written()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 3);
        using var temp = new TempFolder();
        // At 2 virtual seconds per wall second, the run's 60 virtual seconds take at least 30 s: the watchdog's 10 s
        // without a PING always fall inside the run, which on an idle machine would otherwise finish first, exit 0.
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("syn-flood.yaml"), "--out", temp.Path, "--redis",
            redis.Connection, "--cluster-id", silos.ClusterId, "--speed", "2");
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), Patience,
            "the first progress line");
        redis.Kill();

        Assert.Equal(3, await run.Exit(Patience));
        Assert.Contains($"Redis at 127.0.0.1:{redis.Port}", run.Error, StringComparison.Ordinal);
        Assert.Contains("stopped answering", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        AssertWholeAccount(temp);
    }

    [Fact]
    public async Task A_run_whose_silos_are_stopped_mid_run_exits_3_saying_they_do_not_answer()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 3);
        using var temp = new TempFolder();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("syn-flood.yaml"), "--out", temp.Path, "--redis",
            redis.Connection, "--cluster-id", silos.ClusterId, "--cluster-timeout", "5s");
        await run.WaitForLine(l => l.StartsWith("progress ", StringComparison.Ordinal), Patience,
            "the first progress line");
        foreach (var (silo, _) in silos.Silos) Assert.Equal(0, await silo.Signal("STOP"));

        Assert.Equal(3, await run.Exit(Patience));
        // The silos are stopped one after another: on a busy machine the watchdog may see some of them silent first.
        Assert.Contains("answered for 5 s", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        AssertWholeAccount(temp);
    }

    [Fact]
    public async Task A_run_started_just_after_a_silos_kill_exits_3_naming_the_silo_listed_but_silent()
    {
        await using var redis = await RedisServer.StartAsync();
        // A probe timeout of 10 minutes: the killed silo stays listed as active, as on a real cluster in the seconds
        // before its peers notice, however long the run takes to start on a busy machine (with Orleans' own, about
        // 15 s, a slow start once found the silo already declared dead and the run going on without it).
        await using var silos = await SiloProcesses.StartAsync(redis, 2, probeTimeout: "10m");
        var victim = silos.Last;
        victim.Process.Kill();
        await victim.Process.Exit(Patience);
        using var temp = new TempFolder();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--out", temp.Path,
            "--redis", redis.Connection, "--cluster-id", silos.ClusterId);

        Assert.Equal(3, await run.Exit(Patience));
        Assert.Contains($"silo 127.0.0.1:{victim.SiloPort}@", run.Error, StringComparison.Ordinal);
        Assert.Contains("is listed as active but ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_whose_redis_is_gone_stops_on_the_first_sigterm()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 1);
        var silo = silos.Silos[0].Process;
        redis.Kill();
        Assert.Equal(0, await silo.Signal("TERM"));

        // Before, it went on trying Redis for minutes; the process timeout here is what only a hang reaches.
        Assert.Equal(0, await silo.Exit());
        Assert.Contains("is leaving the cluster", silo.Out, StringComparison.Ordinal);
        Assert.Contains($"Redis at 127.0.0.1:{redis.Port} does not answer", silo.Error, StringComparison.Ordinal);
        Assert.Contains("stopped without telling membership", silo.Error, StringComparison.Ordinal);
    }

    // The run's files as of its last completed window: a cluster_failed run.json, and a summary in which every
    // attempt is in exactly one bucket.
    private static void AssertWholeAccount(TempFolder temp)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        Assert.Equal("cluster_failed", json.RootElement.GetProperty("status").GetString());
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        var s = summary.RootElement;
        long attempts = s.GetProperty("attempts").GetInt64();
        Assert.True(attempts > 0, "no attempt before the failure: the first progress line came after one");
        Assert.Equal(attempts, s.GetProperty("outcomes").EnumerateObject().Sum(o => o.Value.GetInt64()));
        Assert.True(s.GetProperty("virtual_seconds").GetDouble() > 0);
        Assert.True(File.ReadAllLines(temp.File("timeseries.csv")).Length > 1);
    }
}
