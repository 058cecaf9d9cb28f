using System.Diagnostics;
using System.Globalization;

namespace TcpSwarm.Cluster.Tests;

/// <summary>A silo stops on the first SIGTERM, whatever state its cluster is in.</summary>
public sealed class SiloSignalTests
{
    // Far beyond the silo's 10 s limit on leaving; before it, a silo whose Redis was gone took 90 s and more.
    private static readonly TimeSpan Patience = ChildProcess.Patience;

    [Fact]
    public async Task A_silo_whose_Redis_is_gone_still_stops_on_the_first_SIGTERM()
    {
        var redis = await RedisServer.StartAsync();
        await using var silos = await SiloProcesses.StartAsync(redis, 1);
        var (silo, _) = silos.Silos[0];

        await redis.DisposeAsync();                           // killed outright, as kill -9 would
        using (var kill = Process.Start("kill", ["-s", "TERM", silo.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        var code = await silo.Exit(Patience);

        Assert.True(code == 0, $"exit {code}\n{silo.Out}\n{silo.Error}");
        Assert.Contains("interrupted (SIGTERM): leaving the cluster", silo.Error, StringComparison.Ordinal);
        Assert.Contains("is leaving the cluster", silo.Out, StringComparison.Ordinal);
    }
}
