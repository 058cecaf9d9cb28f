using System.Net;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>Steady active closes, 20 a second: TIME_WAIT grows on the client (the side that closes first) at the
/// close rate, not at all on the server, and the first record goes 60 s after its close. (LINUX-TCP.md §4.)</summary>
/// <remarks>Kernel: the client connects and closes at once on a fixed schedule, the server reads to the end and
/// closes; ss counts the client's TIME-WAIT sockets once a second, and every 100 ms near the 60 s mark. Simulator:
/// the same constant arrivals, sampled every 100 ms.</remarks>
internal sealed class TimeWaitGrowth() : Experiment("time-wait")
{
    private const double Rate = 20;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(100);

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var (srv, cli, text) = await context.PairAsync(Name, new Dictionary<string, string>(), cancellation)
            .ConfigureAwait(false);
        double closing = context.Mode.ClosingFor.TotalSeconds;
        int closes = (int)(closing * Rate);
        var kernel = await OnKernelAsync(srv, cli, closing, closes, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, closing, closes, cancellation).ConfigureAwait(false);

        double window = closing - 1.5;
        var timeWait = TimeSpan.FromSeconds(60);
        return
        [
            Row($"client TIME_WAIT after {closes} active closes", kernel.After, sim.After, "", Tolerance.Exact),
            Row("client TIME_WAIT growth rate", kernel.Rate, sim.Rate, "/s", Tolerance.Symmetric(
                (2 + 2 * Rate * kernel.SampleDelay) / window, $"±1 count at each end, ss timing, over {window:0.#} s")),
            Row("server TIME_WAIT (it closes second)", kernel.Server, sim.Server, "", Tolerance.Exact),
            Row("first TIME_WAIT gone after its close", kernel.FirstGone, sim.FirstGone, "s",
                new Tolerance(SampleEvery.TotalSeconds + 0.005,
                    context.Lateness([timeWait]) + kernel.PollResolution,
                    context.TimersWhy(1) + "; ss every 0.1 s; simulator sampled every 0.1 s")),
        ];
    }

    private sealed record Observed(long After, double Rate, long Server, double FirstGone, double SampleDelay = 0,
        double PollResolution = 0);

    private static async Task<Observed> OnKernelAsync(NetNamespace srv, NetNamespace cli, double closing, int closes,
        CancellationToken cancellation)
    {
        using var listener = await srv.ListenAsync(Port, 128).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var server = AcceptLoop.RunAsync(listener, stop.Token);
        long start = Clock.NowNs();
        var counting = CountEverySecondAsync(cli, start, closing, cancellation);
        for (int i = 0; i < closes; i++)
        {
            await UntilAsync(start + Seconds(i / Rate), cancellation).ConfigureAwait(false);
            using var client = await cli.TcpSocketAsync().ConfigureAwait(false);
            await client.ConnectAsync(new IPEndPoint(srv.Address, Port), cancellation).ConfigureAwait(false);
        }                                               // disposing closes: a FIN, the client closing first
        var (points, delay) = await counting.ConfigureAwait(false);
        await UntilAsync(start + Seconds(closing + 0.5), cancellation).ConfigureAwait(false);
        long after = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
        long onServer = (await srv.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");

        // The first record leaves about 60 s after the first close: poll from 59.5 s until the count falls.
        await UntilAsync(start + Seconds(59.5), cancellation).ConfigureAwait(false);
        long previous = Clock.NowNs(), goneAt = 0, resolution = 0;
        while (goneAt == 0 && Clock.NowNs() < start + Seconds(66))
        {
            long begin = Clock.NowNs();
            long count = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
            long end = Clock.NowNs();
            if (count < after) (goneAt, resolution) = (end, end - previous);
            previous = begin;
            await Task.Delay(SampleEvery, cancellation).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        await server.ConfigureAwait(false);
        if (goneAt == 0) throw new CalibrationException("no TIME_WAIT socket had expired 66 s after the first close");
        return new Observed(after, Slope(points), onServer, Clock.Seconds(start, goneAt), delay, resolution / 1e9);
    }

    // (seconds since the start, TIME-WAIT count) once a second while closing, and the longest an ss call took.
    private static async Task<(List<(double, double)> Points, double Delay)> CountEverySecondAsync(NetNamespace cli,
        long start, double closing, CancellationToken cancellation)
    {
        var points = new List<(double, double)>();
        double delay = 0;
        for (int s = 1; s <= closing - 0.5; s++)
        {
            await UntilAsync(start + Seconds(s), cancellation).ConfigureAwait(false);
            long begin = Clock.NowNs();
            int count = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
            long end = Clock.NowNs();
            delay = Math.Max(delay, Clock.Seconds(begin, end));
            points.Add((Clock.Seconds(start, (begin + end) / 2), count));
        }
        return (points, delay);
    }

    /// <summary>The least-squares slope of y over x.</summary>
    internal static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, double closing, int closes, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        var yaml = $$"""
            duration: 63s
            sample_interval: {{SampleEvery.TotalMilliseconds}}ms
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: 128 }
            clients:
              - name: cli
                addresses: {{c}}
                target: srv
                arrivals: { constant: {{Rate}}/s }
                stop: {{closing}}s
                session: { requests: 0, closes: client }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            """;
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var points = Enumerable.Range(1, (int)(closing - 0.5))
            .Select(t => ((double)t, (double)run.Host(run.At(TimeSpan.FromSeconds(t)), c).TimeWait)).ToList();
        var afterClosing = run.At(TimeSpan.FromSeconds(closing + 0.5));
        var after = run.Host(afterClosing, c);
        var gone = run.Samples.First(x => x.VirtualTime > TimeSpan.FromSeconds(closing)
                                          && run.Host(x, c).TimeWait < after.TimeWait);
        if (after.Attempts != closes) throw new InvalidOperationException($"{after.Attempts} connects, not {closes}");
        return new Observed(after.TimeWait, Slope(points), run.Host(afterClosing, s).TimeWait,
            gone.VirtualTime.TotalSeconds);
    }
}
