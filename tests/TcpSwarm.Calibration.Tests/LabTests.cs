using System.Globalization;
using TcpSwarm.Calibration.Kernel;

namespace TcpSwarm.Calibration.Tests;

/// <summary>The namespaces calibrate makes on the real kernel: joined, filtered, and always removed.</summary>
public sealed class LabTests
{
    private static async Task<string[]> Namespaces() =>
        (await HostCommand.RunAsync(["ip", "netns", "list"])).Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split(' ')[0]).ToArray();

    [Fact]
    public async Task A_pair_reaches_itself_over_its_veth_and_disposing_the_lab_removes_both_namespaces()
    {
        RealKernel.Require();
        var cancellation = TestContext.Current.CancellationToken;
        string[] made;
        await using (var lab = new Lab())
        {
            var (a, b) = await lab.PairAsync("labtest", "a", "b", cancellation);
            made = [a.Name, b.Name];
            Assert.All(made, n => Assert.StartsWith($"tcpswarm-cal-{Environment.ProcessId}-labtest-", n,
                StringComparison.Ordinal));
            using var listener = await a.ListenAsync(8080, 4);
            using var client = await b.TcpSocketAsync();
            await client.ConnectAsync(new System.Net.IPEndPoint(a.Address, 8080), cancellation);
            Assert.Equal(1, (await a.SocketsAsync(cancellation)).Count("ESTAB", 8080));
            Assert.Equal(0, (await b.CountersAsync(cancellation)).TcpExt("ListenOverflows"));
        }
        var left = await Namespaces();
        Assert.DoesNotContain(made[0], left);
        Assert.DoesNotContain(made[1], left);
    }

    [Fact]
    public async Task Every_filter_calibrate_loads_is_accepted_by_nft()
    {
        RealKernel.Require();
        var cancellation = TestContext.Current.CancellationToken;
        await using var lab = new Lab();
        var (a, b) = await lab.PairAsync("filters", "a", "b", cancellation);
        await a.FilterAsync(Filters.DropPureAcksTo(8080), cancellation);
        await b.FilterAsync(Filters.DropSynAcksFrom(8080), cancellation);
        var c = (await lab.PairAsync("filters2", "a", "b", cancellation)).First;
        await c.FilterAsync(Filters.DropAllTo("198.51.100.0/24"), cancellation);
        Assert.Contains("tcp dport 8080 tcp flags ack / fin,syn,rst,psh,ack drop",
            await a.RunAsync(["nft", "list", "ruleset"], cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_a_dead_calibrate_run_left_is_removed_and_a_live_runs_is_kept()
    {
        RealKernel.Require();
        var cancellation = TestContext.Current.CancellationToken;
        // Process ids are below /proc/sys/kernel/pid_max, so this one names no process.
        int dead = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim(), CultureInfo.InvariantCulture) + 1;
        string leftover = $"tcpswarm-cal-{dead}-crashed-srv", live = $"tcpswarm-cal-{Environment.ProcessId}-alive-srv";
        await HostCommand.RunAsync(["ip", "netns", "add", leftover], cancellation: cancellation);
        await HostCommand.RunAsync(["ip", "netns", "add", live], cancellation: cancellation);
        try
        {
            var removed = await Lab.RemoveLeftoversAsync(cancellation);
            Assert.Contains(leftover, removed);
            Assert.DoesNotContain(live, removed);
            Assert.DoesNotContain(leftover, await Namespaces());
        }
        finally
        {
            foreach (var name in (string[])[leftover, live])
                if ((await Namespaces()).Contains(name)) await NetNamespace.DeleteAsync(name);
        }
    }
}
