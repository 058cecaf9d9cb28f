using System.Globalization;

namespace TcpSwarm.Cluster.Tests;

/// <summary>Silos started together on the same ports: one gets them, the others say which port is taken.</summary>
public sealed class SiloPortTests
{
    [Fact]
    public async Task Three_silos_started_at_once_on_the_same_ports_give_one_silo_and_two_exit_2s_naming_the_port()
    {
        await using var redis = await RedisServer.StartAsync();
        string siloPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        string gatewayPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        string cluster = "race" + Guid.NewGuid().ToString("N")[..12];
        var silos = Enumerable.Range(0, 3).Select(_ => ChildProcess.Tcpswarm("silo", "--redis", redis.Connection,
            "--cluster-id", cluster, "--silo-port", siloPort, "--gateway-port", gatewayPort)).ToList();
        try
        {
            // Each either joins or exits: wait for all three to have done one or the other.
            await Task.WhenAll(silos.Select(s => s.WaitForLineOrExit(
                l => l.Contains("joined cluster", StringComparison.Ordinal), ChildProcess.Patience,
                "a 'joined cluster' line or an exit")));

            var joined = silos.Where(s => s.Out.Contains("joined cluster", StringComparison.Ordinal)).ToList();
            var refused = silos.Except(joined).ToList();
            Assert.Single(joined);
            Assert.Equal(2, refused.Count);
            foreach (var silo in refused)
            {
                Assert.Equal(2, await silo.Exit());
                Assert.Matches($"error: --(silo|gateway)-port: (silo|gateway)-port: port ({siloPort}|{gatewayPort})"
                               + " .*is in use", silo.Error);
                Assert.DoesNotContain("   at ", silo.Error, StringComparison.Ordinal);
            }
            Assert.False(joined[0].HasExited, "the silo that joined went away:\n" + joined[0].Error);

            // And the one that joined serves a run.
            using var temp = new TempFolder();
            await using var run = ChildProcess.Tcpswarm("run", Repo.Load("quickstart.yaml"), "--out", temp.Path,
                "--redis", redis.Connection, "--cluster-id", cluster);
            Assert.Equal(0, await run.Exit(TimeSpan.FromMinutes(4)));
            Assert.Contains($"cluster {cluster} (Redis at 127.0.0.1:{redis.Port}): 1 silo: 127.0.0.1:{siloPort}@",
                run.Out, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }
}
