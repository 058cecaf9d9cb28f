namespace TcpSwarm.Cluster.Tests;

/// <summary>Membership that cannot be reached, wrong passwords, and where a silo listens.</summary>
public sealed class MembershipTests
{
    [Fact]
    public async Task A_run_whose_redis_is_unreachable_exits_3_naming_the_address()
    {
        int closed = FreePort.Next();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis",
            $"127.0.0.1:{closed},password=never-printed");

        Assert.Equal(3, await run.Exit());
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{closed}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);                  // no stack trace
    }

    [Fact]
    public async Task A_silo_whose_redis_is_unreachable_exits_3_naming_the_address()
    {
        int closed = FreePort.Next();
        await using var silo = ChildProcess.Tcpswarm("silo", "--redis", $"127.0.0.1:{closed}");

        Assert.Equal(3, await silo.Exit());
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{closed}", silo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_exit_3_and_neither_password_is_printed()
    {
        await using var redis = await RedisServer.StartAsync(password: "the-right-one");
        await using var silo = ChildProcess.Tcpswarm("silo", "--redis", $"127.0.0.1:{redis.Port},password=a-wrong-one");

        Assert.Equal(3, await silo.Exit());
        Assert.Contains($"127.0.0.1:{redis.Port}", silo.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-one", silo.Out + silo.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("right-one", silo.Out + silo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_without_an_advertised_address_listens_on_127_0_0_1_only()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 1);
        var port = silos.Silos[0].SiloPort;

        Assert.Equal(["127.0.0.1"], FreePort.ListeningAddresses(port));
    }

    [Fact]
    public async Task A_malformed_redis_address_is_bad_input_exit_2_naming_the_option()
    {
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis", ",,,");

        Assert.Equal(2, await run.Exit());
        Assert.Contains("error: --redis: redis:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_port_already_taken_is_bad_input_exit_2_naming_the_option()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, FreePort.Next());
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        await using var silo = ChildProcess.Tcpswarm("silo", "--silo-port", port.ToString(
            System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", FreePort.Next().ToString(
            System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, await silo.Exit());
        Assert.Contains($"error: --silo-port: silo-port: port {port} on 127.0.0.1 is in use", silo.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_from_the_environment_or_a_file_reaches_redis_and_no_command_line()
    {
        const string Secret = "only-in-the-environment";
        await using var redis = await RedisServer.StartAsync(password: Secret);
        var environment = new Dictionary<string, string> { ["TCPSWARM_REDIS_PASSWORD"] = Secret };
        await using var silos = await SiloProcesses.StartAsync(redis, 2, environment: environment,
            connection: $"127.0.0.1:{redis.Port}");
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("redis.password"), Secret + "\n");

        Assert.All(silos.Silos, s => Assert.DoesNotContain(Secret, s.Process.CommandLine, StringComparison.Ordinal));
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--out", temp.File("out"),
            "--redis", $"127.0.0.1:{redis.Port}", "--redis-password-file", temp.File("redis.password"),
            "--cluster-id", silos.ClusterId);
        Assert.Equal(0, await run.Exit(TimeSpan.FromMinutes(4)));
        Assert.Contains($"cluster {silos.ClusterId} (Redis at 127.0.0.1:{redis.Port}): 2 silos: ", run.Out,
            StringComparison.Ordinal);
        string[] seen = [run.Out, run.Error, File.ReadAllText(Path.Combine(temp.File("out"), "run.json")),
            .. silos.Silos.Select(s => s.Process.Out + s.Process.Error)];
        Assert.All(seen, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_whose_cluster_id_redis_does_not_list_exits_3_naming_the_ids_it_does()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 1);
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis", redis.Connection,
            "--cluster-id", "not-" + silos.ClusterId);

        Assert.Equal(3, await run.Exit());
        Assert.Contains($"lists no active silo of cluster 'not-{silos.ClusterId}' (--cluster-id); it lists "
                        + $"'{silos.ClusterId}' (1 active silo)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_file_that_is_missing_is_bad_input_exit_2_naming_it()
    {
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis", "127.0.0.1:1",
            "--redis-password-file", "/nonexistent/redis.password");

        Assert.Equal(2, await run.Exit());
        Assert.Contains("error: /nonexistent/redis.password: redis-password-file: no such file", run.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_timeout_below_a_second_is_bad_input_exit_2_naming_the_option()
    {
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis", "127.0.0.1:1",
            "--cluster-timeout", "100ms");

        Assert.Equal(2, await run.Exit());
        Assert.Contains("error: --cluster-timeout: cluster-timeout: '100ms' is not allowed; use a duration from "
                        + "1s to 1h", run.Error, StringComparison.Ordinal);
    }
}
