using System.Text.RegularExpressions;
using TcpSwarm.Cli.Sweep;
using TcpSwarm.Scenarios;
using TcpSwarm.Silo;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Tests;

/// <summary>The scenarios of issue 18 run for real (embedded silo), each checked on the figure that answers its
/// question: load/close-wait-leak.yaml, load/nginx-workers.yaml and the sweep example of load/README.md.</summary>
public sealed partial class LoadScenarioRunTests
{
    private static async Task<RunReport> Run(string file, params (string, string)[] sets)
    {
        var loaded = ScenarioLoader.Load(Repo.Load(file), new ScenarioOverrides { Sets = sets }, 4L << 30);
        Assert.Empty(loaded.Problems);
        await using var runner = new EmbeddedRunner();
        var report = await runner.RunAsync(loaded.Scenario!, null, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Completed, report.Status);
        return report;
    }

    [Fact]
    public async Task Close_wait_leak_holds_one_close_wait_per_leaked_session_still_open()
    {
        var report = await Run("close-wait-leak.yaml");
        var buggy = report.Summary.Clients.Single(c => c.Name == "buggy");
        var healthy = report.Summary.Clients.Single(c => c.Name == "healthy");
        var last = report.Samples[^1];
        var server = last.Hosts.Single(h => h.Host == Ipv4.Parse("10.0.2.10"));
        var o = buggy.Outcomes;
        long leakedStillOpen = buggy.Attempts - o.Refused - o.Reset - o.TimedOut - o.PortExhausted;
        Assert.Equal(leakedStillOpen, server.States[(int)TcpState.CloseWait]);
        // 20/s for 120 s, Poisson: about 2,400 (±3.3 σ).
        Assert.InRange(server.States[(int)TcpState.CloseWait], 2_400 - 162, 2_400 + 162);
        // The clients' side: orphaned FIN_WAIT_2 for tcp_fin_timeout (60 s), then gone; so only the last minute's.
        var buggyHosts = last.Hosts.Where(h => h.ClientGroup == 1).ToList();
        Assert.Equal(o.Open, buggyHosts.Sum(h => h.States[(int)TcpState.FinWait2]));
        Assert.InRange(o.Open, 1_200 - 115, 1_200 + 115);
        Assert.Equal(0, buggyHosts.Sum(h => h.TimeWait));
        Assert.True(healthy.PeakTimeWait > 10_000, "healthy sessions close and their clients hold TIME_WAIT");
        // CLOSE_WAIT only grows: Linux has no timer that ends it.
        var closeWait = report.Samples.Select(s => s.Hosts.Single(h => h.Host == server.Host)
            .States[(int)TcpState.CloseWait]).ToList();
        Assert.True(closeWait.Zip(closeWait.Skip(1)).All(p => p.First <= p.Second), "CLOSE_WAIT never falls");
    }

    [Fact]
    public async Task Nginx_workers_accept_at_most_8_per_2_ms_and_the_rest_wait_over_1_s()
    {
        // The first 2 s of the scenario (a test's budget): 8 workers × 2 s / 2 ms = 8,000 accept()s at most.
        var report = await Run("nginx-workers.yaml", ("duration", "2s"));
        var nginx = report.Summary.Servers.Single();
        // Not quite all: the first connection is admitted 45 ms in (1.5 RTT), and the queue runs dry now and then
        // between waves of resent SYN-ACKs while final ACKs are dropped.
        Assert.InRange(nginx.Accepted, 7_200, 8_000 + 8);
        Assert.Equal(512, nginx.AcceptQueueLimit);                                         // backlog 511 + 1
        Assert.Contains(nginx.Counters, c => c.Key == "ListenOverflows" && c.Value > 0);
        Assert.Equal(2_000, report.Samples[^1].Hosts.Count(h => h.ClientGroup == 0));     // exactly 2,000 hosts
        long[] buckets = new long[report.Samples[^1].Hosts[0].HandshakeBuckets.Length];
        foreach (var h in report.Samples[^1].Hosts)
            for (int i = 0; i < h.HandshakeBuckets.Length; i++) buckets[i] += h.HandshakeBuckets[i];
        int overOne = Array.IndexOf(Simulation.Engine.DurationHistogram.Bounds, 1.0) + 1;
        double fraction = (double)buckets.Skip(overOne).Sum() / buckets.Sum();
        // Within 2 s only the SYNs resent at 1 s can finish late (the next goes at 3 s): every such handshake is one
        // whose first SYN the full queue dropped, and none finishes between 1 s and the resend's round trip.
        Assert.True(fraction > 0, "some first SYNs were dropped and resent at 1 s");
        Assert.Equal(0, buckets.Skip(overOne + 1).Sum());                                  // none over 3 s yet
    }

    [Fact]
    public async Task The_readme_sweep_finds_the_syn_drops_stopping_between_8192_and_16384()
    {
        // The command as load/README.md gives it, on its two decisive values and one seed (a test's budget).
        var readme = File.ReadAllText(Path.Combine(Repo.LoadDir, "README.md"));
        var command = SweepCommand().Match(readme).Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal);
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("sweep", args[1]);
        using var temp = new TempFolder();
        args[args.IndexOf("--seeds") + 1] = "1";
        args[args.IndexOf("--out") + 1] = temp.Path;
        int vary = args.IndexOf("--vary") + 1;
        Assert.Equal("servers.web.backlog=4096,8192,16384,32768", args[vary]);
        args[vary] = "servers.web.backlog=8192,16384";
        args[2] = Repo.Load("syn-flood.yaml");

        var result = await new Tcpswarm { Runners = () => new EmbeddedRunner() }.Run([.. args.Skip(1)]);

        Assert.Equal(0, result.Code);
        var table = SweepTable.Read(Path.Combine(temp.Path, SweepTable.File), out _)!;
        int drops = SweepPlots.IndexOf(table.Figures, "TCPReqQFullDrop");
        Assert.True(table.Rows.Single(r => r.Values[0] == "8192").Figures[drops] > 10_000);
        Assert.Equal(0, table.Rows.Single(r => r.Values[0] == "16384").Figures[drops]);
    }

    [GeneratedRegex(@"```text\n(tcpswarm sweep [^`]*?)\n```")]
    private static partial Regex SweepCommand();
}
