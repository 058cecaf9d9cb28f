using System.Diagnostics;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Membership that cannot be reached, wrong passwords, and where a silo listens.</summary>
public sealed class MembershipTests
{
    [Fact]
    public async Task A_run_whose_redis_is_unreachable_exits_3_within_seconds_naming_the_address()
    {
        int closed = FreePort.Next();
        var clock = Stopwatch.StartNew();
        await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--redis",
            $"127.0.0.1:{closed},password=never-printed");

        Assert.Equal(3, await run.Exit(TimeSpan.FromSeconds(60)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{closed}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("never-printed", run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);                  // no stack trace
    }

    [Fact]
    public async Task A_silo_whose_redis_is_unreachable_exits_3_within_seconds_naming_the_address()
    {
        int closed = FreePort.Next();
        await using var silo = ChildProcess.Tcpswarm("silo", "--redis", $"127.0.0.1:{closed}");

        Assert.Equal(3, await silo.Exit(TimeSpan.FromSeconds(20)));
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{closed}", silo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_exit_3_and_neither_password_is_printed()
    {
        await using var redis = await RedisServer.StartAsync(password: "the-right-one");
        await using var silo = ChildProcess.Tcpswarm("silo", "--redis", $"127.0.0.1:{redis.Port},password=a-wrong-one");

        Assert.Equal(3, await silo.Exit(TimeSpan.FromSeconds(20)));
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

        Assert.Equal(2, await run.Exit(TimeSpan.FromSeconds(30)));
        Assert.Contains("error: --redis:0:0: redis:", run.Error, StringComparison.Ordinal);
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

        Assert.Equal(2, await silo.Exit(TimeSpan.FromSeconds(30)));
        Assert.Contains($"error: --silo-port:0:0: silo-port: port {port} on 127.0.0.1 is in use", silo.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Error, StringComparison.Ordinal);
    }
}
