using System.Globalization;
using System.Text.Json;

namespace TcpSwarm.Cli.Tests.Report;

/// <summary>report.md's Theory section on real runs where a prediction applies: Erlang's loss formula without
/// syncookies, and the SYN-ACK schedule with every pure ACK lost.</summary>
public sealed class TheoryTests
{
    [Fact]
    public async Task Without_syncookies_the_report_sets_erlang_beside_summary_json_s_drops()
    {
        using var temp = new TempFolder();
        var (code, _, error) = await RealProcess.Run("run", Repo.Load("quickstart.yaml"), "--out", temp.Path,
            "--set", "net.ipv4.tcp_syncookies=0", "--set", "net.ipv4.tcp_max_syn_backlog=128",
            "--set", "servers.web.backlog=256");
        Assert.True(code == 0, error);
        var report = File.ReadAllText(temp.File("report.md"));
        var web = JsonDocument.Parse(File.ReadAllBytes(temp.File("summary.json"))).RootElement
            .GetProperty("servers").GetProperty("web");
        var counters = web.GetProperty("counters");
        string overflows = counters.TryGetProperty("ListenOverflows", out var o) ? o.GetRawText() : "0";

        Assert.Contains("97 places", report, StringComparison.Ordinal);
        Assert.Contains("so the regime holds", report, StringComparison.Ordinal);
        Assert.Contains("| offered load E = λ × h | 12600 |", report, StringComparison.Ordinal);
        Assert.Contains($"| predicted drop probability B(E, 97) | {Erlang(12600, 97)} |", report,
            StringComparison.Ordinal);
        Assert.Contains($"| {counters.GetProperty("ListenDrops").GetRawText()} − {overflows} = ", report,
            StringComparison.Ordinal);
        Assert.Contains(
            $"| simulated SYN-queue peak (summary.json) | {web.GetProperty("peak_syn_queue").GetRawText()} |",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_pure_ack_lost_the_synacks_follow_the_profile_s_schedule()
    {
        using var temp = new TempFolder();
        var (code, _, error) = await RealProcess.Run("run", Repo.Load("lost-third-ack.yaml"), "--out", temp.Path);
        Assert.True(code == 0, error);
        var report = File.ReadAllText(temp.File("report.md"));

        Assert.Contains("SYN-ACKs 1, 3, 7, 15, 31 s after the first; the request is dropped at 63 s.", report,
            StringComparison.Ordinal);
        foreach (var (offset, interval) in (ValueTuple<int, string>[])
                 [(1, "(1 s, 2 s]"), (3, "(3 s, 4 s]"), (7, "(7 s, 8 s]"), (15, "(15 s, 16 s]"), (31, "(31 s, 32 s]")])
            Assert.Contains($"| {offset} s | {interval}: +1 | yes |", report, StringComparison.Ordinal);
        Assert.Contains("| drop at 63 s | (63 s, 64 s]: web.syn_queue fell by 1 | yes |", report,
            StringComparison.Ordinal);
        Assert.Contains("(70 s, 71 s]: +1", report, StringComparison.Ordinal);
    }

    private static string Erlang(double offered, int places)
    {
        double b = 1;
        for (int k = 1; k <= places; k++) b = offered * b / (k + offered * b);
        return b.ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
