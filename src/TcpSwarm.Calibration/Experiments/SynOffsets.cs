using System.Net;
using System.Net.Sockets;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;
using TcpSwarm.Tcp;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>Every SYN-ACK to the client dropped: when does the client resend its SYN, and when does connect() give up
/// with ETIMEDOUT? (docs/model.md: linear first retries on 6.x, then doubling; a time budget too.)</summary>
/// <remarks>Kernel: the client's namespace drops SYN-ACKs on input; a raw socket in the server's namespace stamps
/// each SYN as it arrives; connect() blocks until the kernel fails it. Simulator: one connect, a drop fault on
/// SYN-ACKs, sampled every 10 ms for the moment connect() fails.</remarks>
internal sealed class SynOffsets() : Experiment("syn-offsets")
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var sysctls = new Dictionary<string, string>();
        if (context.Mode.SynRetries is { } r) sysctls["net.ipv4.tcp_syn_retries"] = CalibrationContext.Sysctl(r);
        var (srv, cli, text) = await context.PairAsync(Name, sysctls, cancellation).ConfigureAwait(false);

        var kernel = await OnKernelAsync(srv, cli, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, Math.Ceiling(kernel.FailedAfter + 10), cancellation)
            .ConfigureAwait(false);

        var rows = new List<CalibrationRow>();
        var intervals = sim.Syns.Zip(sim.Syns.Skip(1), (a, b) => TimeSpan.FromSeconds(b - a)).ToList();
        for (int k = 1; k < Math.Max(kernel.Syns.Count, sim.Syns.Count); k++)
        {
            rows.Add(Row($"SYN {k} after the first", At(kernel.Syns, k), At(sim.Syns, k), "s",
                new Tolerance(0.002, context.Lateness(intervals.Take(k)), context.TimersWhy(k))));
        }
        rows.Add(Row("SYNs sent", kernel.Syns.Count, sim.Syns.Count, "", Tolerance.Exact));
        var chain = intervals.Append(TimeSpan.FromSeconds(sim.FailedAfter - sim.Syns[^1]));
        rows.Add(Row("connect() fails (ETIMEDOUT) after", kernel.FailedAfter, sim.FailedAfter, "s",
            new Tolerance(SampleEvery.TotalSeconds, context.Lateness(chain) + context.TimerLatency.TotalSeconds,
                context.TimersWhy(intervals.Count + 1) + ", and for connect()'s wake-up; simulator sampled every "
                + "10 ms")));
        return rows;
    }

    internal static double At(IReadOnlyList<double> values, int k) => k < values.Count ? values[k] : double.NaN;

    private sealed record Observed(IReadOnlyList<double> Syns, double FailedAfter);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace cli,
        CancellationToken cancellation)
    {
        await cli.FilterAsync(Filters.DropSynAcksFrom(Port), cancellation).ConfigureAwait(false);
        using var listener = await srv.ListenAsync(Port, 16).ConfigureAwait(false);
        using var capture = await RawCapture.StartAsync(srv, Port).ConfigureAwait(false);
        using var client = await cli.TcpSocketAsync().ConfigureAwait(false);
        // A blocking connect() on the client namespace's own thread, timed there as it returns; cancelling closes the
        // socket, which ends the call.
        using var closing = cancellation.Register(client.Dispose);
        var (timedOut, failed) = await cli.OnThreadAsync(() =>
        {
            try
            {
                client.Connect(new IPEndPoint(srv.Address, Port));
                return (false, Clock.NowNs());
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                return (true, Clock.NowNs());
            }
        }).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        if (!timedOut) throw new CalibrationException("connect() succeeded although every SYN-ACK was dropped");
        var syns = capture.Segments.Where(s => s.IsSyn && s.DestinationPort == Port).Select(s => s.AtNs).ToList();
        if (syns.Count == 0) throw new CalibrationException("no SYN reached the server's namespace");
        return new Observed([.. syns.Select(t => Clock.Seconds(syns[0], t))], Clock.Seconds(syns[0], failed));
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, double duration, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        var yaml = $$"""
            duration: {{duration}}s
            sample_interval: {{SampleEvery.TotalMilliseconds}}ms
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: 16 }
            clients:
              - { name: cli, addresses: {{c}}, target: srv, arrivals: { bursts: { size: 1, every: 24h } } }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            faults:
              - { drop: { from: srv, to: cli, segments: syn_ack } }
            trace: { sample: 100%, max: 10 }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var syns = run.Cluster.Host(Ipv4.Parse(c)).Trace.Where(t => t.Sent && t.Segment.Flags == TcpFlags.Syn)
            .Select(t => t.At.Nanoseconds / 1e9).ToList();
        var failed = run.Samples.FirstOrDefault(x => run.Host(x, c).Outcomes.TimedOut == 1)
                     ?? throw new InvalidOperationException($"the simulated connect() had not failed by {duration} s");
        return new Observed([.. syns.Select(t => t - syns[0])], failed.VirtualTime.TotalSeconds - syns[0]);
    }
}
