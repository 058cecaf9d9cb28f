using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TcpSwarm.Cli.Tests.Report;

/// <summary>report.md answers its scenario's question in its first paragraph, with numbers, and its TIME_WAIT
/// prediction agrees with a correct run: the close rate before the ports ran out, and the port-parity bound of
/// tcp_tw_reuse 1 explained.</summary>
public sealed class AnswerTests
{
    private static async Task<(string Report, JsonElement Summary)> Run(string scenario, params string[] sets)
    {
        using var temp = new TempFolder();
        var args = new List<string> { "run", Repo.Load(scenario), "--out", temp.Path };
        foreach (var set in sets) args.AddRange(["--set", set]);
        var (code, _, error) = await RealProcess.Run([.. args]);
        Assert.True(code == 0, error);
        var summary = JsonDocument.Parse(File.ReadAllBytes(temp.File("summary.json"))).RootElement.Clone();
        return (File.ReadAllText(temp.File("report.md")), summary);
    }

    // The paragraph after the question (the first one that is not a heading or a quote).
    private static string FirstParagraph(string report) => report.Split("\n\n")
        .First(p => !p.StartsWith('#') && !p.StartsWith('>'));

    [Fact]
    public async Task Time_wait_proxy_says_when_ports_ran_out_and_predicts_it_from_the_rate_before()
    {
        var (report, summary) = await Run("time-wait-proxy.yaml", "duration=15s");
        var first = FirstParagraph(report);
        var exhausted = summary.GetProperty("events").EnumerateArray().Single(e =>
            e.GetProperty("name").GetString() == "port_exhausted");
        double onset = exhausted.GetProperty("first_s").GetDouble();

        Assert.InRange(onset, 9, 10);
        Assert.Contains("28,232 sockets in TIME_WAIT", first, StringComparison.Ordinal);
        Assert.Contains("connect() first failed with EADDRNOTAVAIL at "
                        + onset.ToString("0.###", CultureInfo.InvariantCulture) + " s", first,
            StringComparison.Ordinal);
        // The rate is the one before exhaustion (about 3,000/s), not completed / whole run (about 1,900/s here).
        Assert.Matches(@"close rate before the first port_exhausted \(9\.\d+ s\) = .* = 299\d(\.\d+)?/s", report);
        Assert.Contains("Prediction: **28232** (the binding term: ports per destination)", report,
            StringComparison.Ordinal);
        Assert.Matches(@"the binding bound is reached after about 9\.\d+ s", report);
    }

    [Fact]
    public async Task Tw_reuse_1_predicts_half_the_port_range_and_says_why()
    {
        var (report, summary) = await Run("tw-reuse.yaml", "net.ipv4.tcp_tw_reuse=1", "duration=15s");
        long peak = summary.GetProperty("clients").EnumerateObject().Single().Value
            .GetProperty("peak_time_wait").GetInt64();

        Assert.Contains("Prediction: **14116** (the binding term: ports per destination)", report,
            StringComparison.Ordinal);
        Assert.Contains("scans the ports of one parity first", report, StringComparison.Ordinal);
        Assert.InRange(peak, 13_000, 14_116);            // the bound, approached (14,113 over the full 60 s)
        Assert.Contains("Answer.", FirstParagraph(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_accept_says_when_the_accept_queue_overflowed_and_what_was_dropped()
    {
        var (report, summary) = await Run("slow-accept.yaml", "duration=20s");
        var first = FirstParagraph(report);
        var drops = summary.GetProperty("servers").GetProperty("app").GetProperty("drops");

        Assert.Contains("The accept queue first overflowed at ", first, StringComparison.Ordinal);
        string total = drops.GetProperty("total").GetInt64().ToString("N0", CultureInfo.InvariantCulture);
        string full = drops.GetProperty("accept_queue_full").GetInt64().ToString("N0", CultureInfo.InvariantCulture);
        Assert.Contains($"It dropped {total} segments (ListenDrops): {full} SYNs or final ACKs on a full accept queue",
            first, StringComparison.Ordinal);
        Assert.Contains("of attempts took over 1 s", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Close_wait_leak_says_how_many_sockets_the_application_left_in_close_wait()
    {
        // 20 s of the scenario: the leaky group's sessions are never closed by the server, so its CLOSE_WAIT only
        // grows, and the clients' orphaned FIN_WAIT_2 last tcp_fin_timeout (60 s): none has ended yet.
        var (report, summary) = await Run("close-wait-leak.yaml", "duration=20s");
        var first = FirstParagraph(report);
        long open = summary.GetProperty("clients").GetProperty("buggy").GetProperty("outcomes").GetProperty("open")
            .GetInt64();

        Assert.True(open > 0, "the leaky group has sessions still open after 20 s");
        var closeWait = Regex.Match(first, @"CLOSE_WAIT peaked at ([\d,]+) sockets \(([\d,]+) at the end\)");
        Assert.True(closeWait.Success, first);
        long peak = long.Parse(closeWait.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        long end = long.Parse(closeWait.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(peak, end);                          // Linux has no timer that ends CLOSE_WAIT
        // Every leaked session still open holds one, but for one still in its handshake or request at that instant;
        // a healthy session may be passing through CLOSE_WAIT then.
        Assert.InRange(end, open - 5, open + 10);
        Assert.Matches(@"FIN_WAIT_2 peaked at [\d,]+ sockets", first);
    }
}
