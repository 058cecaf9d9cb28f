using System.Net;
using System.Net.Sockets;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;
using TcpSwarm.Tcp;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>Every pure ACK of the client dropped: when does the server resend its SYN-ACK, when does it forget the
/// request, and does the client's later write meet a RST? (docs/model.md, docs/outputs.md.)</summary>
/// <remarks>Kernel: the server's namespace drops, on input, every ACK without SYN, FIN, RST or PSH to the port; a
/// raw socket in the client's namespace stamps each SYN-ACK as it arrives; ss polls the server's SYN-RECV count
/// every 100 ms. Simulator: load/lost-third-ack.yaml's shape with the kernel's sysctls.</remarks>
internal sealed class SynAckOffsets() : Experiment("synack-offsets")
{
    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var sysctls = new Dictionary<string, string>();
        if (context.Mode.SynackRetries is { } r) sysctls["net.ipv4.tcp_synack_retries"] = CalibrationContext.Sysctl(r);
        var (srv, cli, text) = await context.PairAsync(Name, sysctls, cancellation).ConfigureAwait(false);
        var profile = TcpProfile.Named(context.Kernel.Profile);
        int retries = int.Parse(SysctlValue(text, "net.ipv4.tcp_synack_retries"),
            System.Globalization.CultureInfo.InvariantCulture);
        double gone = ((2 << retries) - 1) * profile.TimeoutInit.TotalSeconds;
        double write = Math.Ceiling(gone + 2 + gone / 20);                 // the kernel's late expiry is past

        var kernel = await OnKernelAsync(srv, cli, gone, write, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, write, cancellation).ConfigureAwait(false);

        var rows = new List<CalibrationRow>();
        for (int k = 1; k < Math.Max(kernel.SynAcks.Count, sim.SynAcks.Count); k++)
        {
            var chain = Enumerable.Range(0, k).Select(i => profile.TimeoutInit * (1 << i));
            rows.Add(Row($"SYN-ACK {k} after the first", SynOffsets.At(kernel.SynAcks, k),
                SynOffsets.At(sim.SynAcks, k), "s",
                new Tolerance(0.002, context.Lateness(chain), context.TimersWhy(k))));
        }
        rows.Add(Row("SYN-ACKs sent", kernel.SynAcks.Count, sim.SynAcks.Count, "", Tolerance.Exact));
        var all = Enumerable.Range(0, retries + 1).Select(i => profile.TimeoutInit * (1 << i));
        rows.Add(Row("request dropped after", kernel.GoneAfter, sim.GoneAfter, "s",
            new Tolerance(0.002, context.Lateness(all) + kernel.PollResolution,
                context.TimersWhy(retries + 1) + "; ss every 0.1 s")));
        rows.Add(Row("client's write answered by RST", kernel.Reset ? 1 : 0, sim.Reset ? 1 : 0, "", Tolerance.Exact));
        rows.Add(Row("TCPTimeouts on the server", kernel.Timeouts, sim.Timeouts, "", Tolerance.Exact));
        return rows;
    }

    private sealed record Observed(IReadOnlyList<double> SynAcks, double GoneAfter, bool Reset, long Timeouts,
        double PollResolution = 0);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace cli, double gone, double write,
        CancellationToken cancellation)
    {
        await srv.FilterAsync(Filters.DropPureAcksTo(Port), cancellation).ConfigureAwait(false);
        using var listener = await srv.ListenAsync(Port, 16).ConfigureAwait(false);
        using var capture = await RawCapture.StartAsync(cli, Port).ConfigureAwait(false);
        using var client = await cli.TcpSocketAsync().ConfigureAwait(false);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation))
        {
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(new IPEndPoint(srv.Address, Port), limit.Token).ConfigureAwait(false);
        }
        long connected = Clock.NowNs();

        // The request is gone once ss no longer lists it; the two polls around that moment bound when it went.
        long deadline = connected + Seconds(gone * 1.1 + 3), previousStart = connected, goneAt = 0, resolution = 0;
        while (goneAt == 0 && Clock.NowNs() < deadline)
        {
            await Task.Delay(100, cancellation).ConfigureAwait(false);
            long start = Clock.NowNs();
            int queued = (await srv.SocketsAsync(cancellation).ConfigureAwait(false)).Count("SYN-RECV", Port);
            long end = Clock.NowNs();
            if (queued == 0) (goneAt, resolution) = (end, end - previousStart);
            previousStart = start;
        }
        if (goneAt == 0) throw new CalibrationException($"the request was still queued {gone * 1.1 + 3:0} s on");

        await UntilAsync(connected + Seconds(write), cancellation).ConfigureAwait(false);
        bool reset = WriteMeetsReset(client);
        var counters = await srv.CountersAsync(cancellation).ConfigureAwait(false);
        var synAcks = capture.Segments.Where(s => s.IsSynAck && s.SourcePort == Port).Select(s => s.AtNs).ToList();
        if (synAcks.Count == 0) throw new CalibrationException("no SYN-ACK reached the client's namespace");
        return new Observed([.. synAcks.Select(t => Clock.Seconds(synAcks[0], t))], Clock.Seconds(synAcks[0], goneAt),
            reset, counters.TcpExt("TCPTimeouts"), resolution / 1e9);
    }

    // The client writes 100 bytes to a server that has forgotten it: the listener answers with RST (recv: ECONNRESET).
    private static bool WriteMeetsReset(Socket client)
    {
        client.ReceiveTimeout = 3000;
        try
        {
            client.Send(new byte[100]);
            _ = client.Receive(new byte[100]);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, double write, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        var yaml = $$"""
            duration: {{write + 5}}s
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: 16, accept: never }
            clients:
              - name: cli
                addresses: {{c}}
                target: srv
                arrivals: { bursts: { size: 1, every: 24h } }
                session: { request: 100B, think: {{write}}s, requests: 1, closes: client }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            faults:
              - { drop: { from: cli, to: srv, segments: pure_ack } }
            trace: { sample: 100%, max: 10 }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var server = run.Cluster.Host(Ipv4.Parse(s));
        var synAcks = server.Trace.Where(t => t.Sent && t.Segment.Flags == (TcpFlags.Syn | TcpFlags.Ack))
            .Select(t => t.At).ToList();
        var buckets = run.Last(s).SynReceivedBuckets;
        var bounds = Simulation.Engine.DurationHistogram.Bounds;
        double goneAfter = Enumerable.Range(0, Math.Min(buckets.Length, bounds.Length))
            .Where(b => buckets[b] > 0).Select(b => bounds[b]).Single();
        return new Observed([.. synAcks.Select(t => (t - synAcks[0]).TotalSeconds)], goneAfter,
            run.Last(c).Outcomes.Reset == 1, run.Last(s).Counters[(int)TcpExt.TCPTimeouts]);
    }

    internal static string SysctlValue(string sysctls, string name) =>
        Scenarios.SysctlFile.Parse("sysctl -a", sysctls).Settings.LastOrDefault(x => x.Name == name)?.Value
        ?? throw new CalibrationException($"the namespace has no sysctl {name}");
}
