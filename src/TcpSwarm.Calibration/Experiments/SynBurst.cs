using System.Net;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;
using TcpSwarm.Tcp;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>A burst of 64 never-answered SYNs at a listener with backlog 16, under tcp_syncookies 0, 1 or 2: how many
/// requests are queued, how many SYNs dropped or answered with a cookie, and how many requests the pruning of old
/// ones leaves 10 s later. (docs/model.md and §1.3.)</summary>
/// <remarks>
/// Kernel: a raw socket in the attacker's namespace writes one SYN from each of 198.51.100.64 to .127; the server
/// routes that block back to the attacker, whose namespace drops everything to it on arrival, so nobody ever answers
/// a SYN-ACK (no RST, no ICMP) and no SYN is resent. Simulator: 64 connects at 0 s from 198.51.100.64/26, every
/// SYN-ACK dropped and every SYN after the first instant dropped, which is the same traffic at the server.
/// Expected on 6.18: the queue holds backlog + 1 = 17; at 7 s (the third expiry) the 17 all-old requests each find
/// 2·qlen &gt; max(8, 16) and no young ones, so 9 are dropped early and 8 remain.
/// </remarks>
internal sealed class SynBurst(int syncookies) : Experiment($"syn-burst-cookies-{syncookies}")
{
    private const int Syns = 64, Backlog = 16;
    private const string Spoofed = "198.51.100.64/26";

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var sysctls = new Dictionary<string, string>
        {
            ["net.ipv4.tcp_syncookies"] = CalibrationContext.Sysctl(syncookies),
        };
        if (context.Mode.BurstSynackRetries is { } r)
            sysctls["net.ipv4.tcp_synack_retries"] = CalibrationContext.Sysctl(r);
        var (srv, atk, text) = await context.PairAsync(Name, sysctls, cancellation, second: "atk")
            .ConfigureAwait(false);

        var kernel = await OnKernelAsync(srv, atk, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, text, cancellation).ConfigureAwait(false);
        return
        [
            Row("SYN_RECV 0.5 s after the burst", kernel.Queued, sim.Queued, "", Tolerance.Exact),
            Row("ListenDrops", kernel.Counters[0], sim.Counters[0], "", Tolerance.Exact),
            Row("TCPReqQFullDrop", kernel.Counters[1], sim.Counters[1], "", Tolerance.Exact),
            Row("TCPReqQFullDoCookies", kernel.Counters[2], sim.Counters[2], "", Tolerance.Exact),
            Row("SyncookiesSent", kernel.Counters[3], sim.Counters[3], "", Tolerance.Exact),
            Row("SYN_RECV 10 s after (pruned at 7 s)", kernel.Pruned, sim.Pruned, "", Tolerance.Exact),
        ];
    }

    private static readonly TcpExt[] TcpExtCounters =
        [TcpExt.ListenDrops, TcpExt.TCPReqQFullDrop, TcpExt.TCPReqQFullDoCookies, TcpExt.SyncookiesSent];

    private sealed record Observed(long Queued, long[] Counters, long Pruned);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace atk,
        CancellationToken cancellation)
    {
        await srv.RunAsync(["ip", "route", "add", "198.51.100.0/24", "via", atk.Address.ToString()], cancellation)
            .ConfigureAwait(false);
        await atk.FilterAsync(Filters.DropAllTo("198.51.100.0/24"), cancellation).ConfigureAwait(false);
        using var listener = await srv.ListenAsync(Port, Backlog).ConfigureAwait(false);
        var sources = Enumerable.Range(64, Syns).Select(i => IPAddress.Parse($"198.51.100.{i}")).ToList();
        long sent = Clock.NowNs();
        await RawSyns.SendAsync(atk, sources, new IPEndPoint(srv.Address, Port)).ConfigureAwait(false);

        await UntilAsync(sent + Seconds(0.5), cancellation).ConfigureAwait(false);
        int queued = (await srv.SocketsAsync(cancellation).ConfigureAwait(false)).Count("SYN-RECV", Port);
        var counters = await srv.CountersAsync(cancellation).ConfigureAwait(false);
        await UntilAsync(sent + Seconds(10), cancellation).ConfigureAwait(false);
        int pruned = (await srv.SocketsAsync(cancellation).ConfigureAwait(false)).Count("SYN-RECV", Port);
        return new Observed(queued, [.. TcpExtCounters.Select(c => counters.TcpExt(c.ToString()))], pruned);
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, string sysctls,
        CancellationToken cancellation)
    {
        string s = srv.Address.ToString();
        var yaml = $$"""
            duration: 10s
            sample_interval: 500ms
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: {{Backlog}}, accept: never }
            clients:
              - name: atk
                addresses: {{Spoofed}}
                target: srv
                arrivals: { bursts: { size: {{Syns}}, every: 24h } }
                session: { requests: 0, closes: server }
            paths:
              - { from: atk, to: srv, latency: { fixed: 100us } }
            faults:
              - { drop: { from: srv, to: atk, segments: syn_ack } }
              - { drop: { from: atk, to: srv, segments: syn }, from: 1ms }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var early = run.Host(run.At(TimeSpan.FromSeconds(0.5)), s);
        var late = run.Host(run.At(TimeSpan.FromSeconds(10)), s);
        return new Observed(early.SynReceived,
            [.. TcpExtCounters.Select(c => early.Counters[(int)c])], late.SynReceived);
    }
}
