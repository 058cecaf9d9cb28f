using System.Globalization;
using System.Net;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>Steady active closes, 20 a second: TIME_WAIT grows on the client (the side that closes first) at the
/// close rate, not at all on the server, and the first record goes 60 s after it began. (docs/model.md.)</summary>
/// <remarks>Kernel: the client connects and closes on a fixed schedule for the closing time, the server reads to the
/// end and closes; ss counts the client's TIME-WAIT sockets once a second, once every close has been answered, and
/// every 100 ms near the 60 s mark. On a busy machine the kernel side falls behind its schedule: what is compared is
/// what it did, not what it was asked to do. It makes only the closes that fit in the closing time, the simulator
/// is given that many at the rate they were made, the count after closing waits for the server's closes, and the
/// first record's life is timed from the server's first close (the FIN that put it in TIME_WAIT). A row whose timing
/// the machine's latency makes meaningless says so (untrusted) instead of reading DIFF.
/// Simulator: the same constant arrivals, sampled every 100 ms.</remarks>
/// <param name="closeDelay">Holds each kernel-side connection this long before each of its two closes: a slow
/// kernel side, which only tests ask for; zero in calibrate.</param>
internal sealed class TimeWaitGrowth(TimeSpan closeDelay = default) : Experiment("time-wait")
{
    private const double Rate = 20;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(100);

    // The count after closing is taken once the server has closed everything, or at this time after the start: well
    // before the first record can expire (60 s after the first close).
    private static readonly TimeSpan AnsweredBy = TimeSpan.FromSeconds(40);

    // Beyond these the kernel's timing says nothing at the resolution of the rows.
    private static readonly TimeSpan TrustedSsDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TrustedTimerLatency = TimeSpan.FromMilliseconds(250);
    private const double TrustedPollResolution = 1.0;

    public override async Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation)
    {
        var (srv, cli, text) = await context.PairAsync(Name, new Dictionary<string, string>(), cancellation)
            .ConfigureAwait(false);
        double closing = context.Mode.ClosingFor.TotalSeconds;
        int planned = (int)(closing * Rate);
        var kernel = await OnKernelAsync(context, srv, cli, closing, planned, cancellation).ConfigureAwait(false);
        var sim = await OnSimulatorAsync(context, srv, cli, text, closing, kernel, cancellation)
            .ConfigureAwait(false);

        double window = closing - 1.5;
        var timeWait = TimeSpan.FromSeconds(60);
        var latency = context.TimerLatency;
        string? rateUntrusted = kernel.SampleDelay > TrustedSsDelay.TotalSeconds
            ? string.Create(CultureInfo.InvariantCulture,
                $"ss took up to {kernel.SampleDelay:0.00} s to count, beyond {TrustedSsDelay.TotalSeconds:0.0} s")
            : null;
        string? goneUntrusted = latency > TrustedTimerLatency
            ? string.Create(CultureInfo.InvariantCulture,
                $"timer latency p99 {latency.TotalMilliseconds:0} ms, "
                + $"beyond {TrustedTimerLatency.TotalMilliseconds:0} ms")
            : kernel.PollResolution > TrustedPollResolution
                ? string.Create(CultureInfo.InvariantCulture,
                    $"ss polled {kernel.PollResolution:0.0} s apart near the 60 s mark, not every 0.1 s")
                : null;
        return
        [
            Row($"client TIME_WAIT after its {kernel.Closes} active closes", kernel.After, sim.After, "",
                Tolerance.Exact) with { Untrusted = kernel.Unanswered },
            Row("client TIME_WAIT growth rate", kernel.Rate, sim.Rate, "/s", Tolerance.Symmetric(
                (2 + 2 * kernel.CloseRate * kernel.SampleDelay) / window,
                $"±1 count at each end, ss timing, over {window:0.#} s")) with { Untrusted = rateUntrusted },
            Row("server TIME_WAIT (it closes second)", kernel.Server, sim.Server, "", Tolerance.Exact),
            Row("first TIME_WAIT gone after it began", kernel.FirstGone, sim.FirstGone, "s",
                new Tolerance(SampleEvery.TotalSeconds + 0.005,
                    context.Lateness([timeWait]) + kernel.PollResolution,
                    context.TimersWhy(1) + "; ss every 0.1 s; simulator sampled every 0.1 s"))
                with { Untrusted = goneUntrusted },
        ];
    }

    /// <param name="Closes">The active closes the kernel side made in the closing time (at most the planned ones).
    /// </param>
    /// <param name="CloseRate">The rate it made them at: the simulator's arrival rate.</param>
    /// <param name="Unanswered">Set when the server had not closed every connection by <see cref="AnsweredBy"/>.
    /// </param>
    private sealed record Observed(long After, double Rate, long Server, double FirstGone, double SampleDelay = 0,
        double PollResolution = 0, int Closes = 0, double CloseRate = Rate, string? Unanswered = null);

    private async Task<Observed> OnKernelAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        double closing, int planned, CancellationToken cancellation)
    {
        using var listener = await srv.ListenAsync(Port, 128).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var serverCloses = new List<long>();
        var server = AcceptLoop.RunAsync(listener, stop.Token, closeDelay, at =>
        {
            lock (serverCloses) serverCloses.Add(at);
        });
        long start = Clock.NowNs();
        var counting = CountEverySecondAsync(cli, start, closing, cancellation);
        var clientCloses = new List<long>();
        for (int i = 0; i < planned; i++)
        {
            await UntilAsync(start + Seconds(i / Rate), cancellation).ConfigureAwait(false);
            if (Clock.NowNs() >= start + Seconds(closing)) break;        // late: only the closes that fit
            using var client = await cli.TcpSocketAsync().ConfigureAwait(false);
            await client.ConnectAsync(new IPEndPoint(srv.Address, Port), cancellation).ConfigureAwait(false);
            if (closeDelay > TimeSpan.Zero) await Task.Delay(closeDelay, cancellation).ConfigureAwait(false);
            client.Dispose();                                            // a FIN, the client closing first
            clientCloses.Add(Clock.NowNs());
        }
        int closes = clientCloses.Count;
        double closeRate = closes >= 2
            ? (closes - 1) / Clock.Seconds(clientCloses[0], clientCloses[^1])
            : Rate;
        var (points, delay) = await counting.ConfigureAwait(false);

        // Every close answered by the server's, so that each of them is in TIME_WAIT, not FIN_WAIT2.
        await UntilAsync(start + Seconds(closing + 0.5), cancellation).ConfigureAwait(false);
        while (ServerCloses() < closes && Clock.NowNs() < start + Seconds(AnsweredBy.TotalSeconds))
            await Task.Delay(SampleEvery, cancellation).ConfigureAwait(false);
        int answered = ServerCloses();
        // The server's close() returns before its FIN has reached the client: wait until the client holds a
        // TIME_WAIT for every answered close (a busy machine may take a moment), within the same deadline.
        long after = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
        while (after < answered && Clock.NowNs() < start + Seconds(AnsweredBy.TotalSeconds))
        {
            await Task.Delay(SampleEvery, cancellation).ConfigureAwait(false);
            after = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
        }
        long onServer = (await srv.SocketsAsync(cancellation).ConfigureAwait(false)).Count("TIME-WAIT");
        string? unanswered = answered < closes
            ? $"the server side had closed {answered} of {closes} by {AnsweredBy.TotalSeconds:0} s"
            : null;
        if (unanswered is null && after < answered)
        {
            // Every close answered, yet some client sockets still wait in FIN_WAIT_2 for a FIN the server has sent:
            // the kernel side was late, which the simulator cannot be held to. Missing ones not seen there stay DIFF.
            long finWait2 = (await cli.SocketsAsync(cancellation).ConfigureAwait(false)).Count("FIN-WAIT-2");
            if (after + finWait2 >= answered)
                unanswered = $"by {AnsweredBy.TotalSeconds:0} s the client still held {finWait2} in FIN_WAIT_2 "
                             + $"of the {answered} closes its server had answered";
        }
        context.Say($"  {Name}: {closes} closes made; waiting for the first TIME_WAIT to expire (about 60 s)");

        // The first record leaves about 60 s after it began, when the server's FIN reached the client.
        long began;
        lock (serverCloses) began = serverCloses.Count > 0 ? serverCloses.Min() : start;
        await UntilAsync(began + Seconds(59.5), cancellation).ConfigureAwait(false);
        long previous = Clock.NowNs(), goneAt = 0, resolution = 0;
        while (goneAt == 0 && Clock.NowNs() < began + Seconds(66))
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
        return new Observed(after, Slope(points), onServer, Clock.Seconds(began, goneAt), delay, resolution / 1e9,
            closes, closeRate, unanswered);

        int ServerCloses()
        {
            lock (serverCloses) return serverCloses.Count;
        }
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

    // The kernel side's closes, as many and as fast as it made them: constant arrivals at its rate, stopped between
    // the last of them and the one after.
    private async Task<Observed> OnSimulatorAsync(CalibrationContext context, NetNamespace srv, NetNamespace cli,
        string sysctls, double closing, Observed kernel, CancellationToken cancellation)
    {
        string s = srv.Address.ToString(), c = cli.Address.ToString();
        double rate = Math.Round(kernel.CloseRate, 3);
        double stopMs = Math.Round((kernel.Closes - 0.5) / rate * 1000);
        var yaml = string.Create(CultureInfo.InvariantCulture, $$"""
            duration: 63s
            sample_interval: {{SampleEvery.TotalMilliseconds}}ms
            servers:
              - { name: srv, address: {{s}}, port: {{Port}}, backlog: 128 }
            clients:
              - name: cli
                addresses: {{c}}
                target: srv
                arrivals: { constant: {{rate}}/s }
                stop: {{stopMs}}ms
                session: { requests: 0, closes: client }
            paths:
              - { from: cli, to: srv, latency: { fixed: 100us } }
            """);
        var run = await context.SimulateAsync(Name, yaml, sysctls, cancellation).ConfigureAwait(false);
        var points = Enumerable.Range(1, (int)(closing - 0.5))
            .Select(t => ((double)t, (double)run.Host(run.At(TimeSpan.FromSeconds(t)), c).TimeWait)).ToList();
        var afterClosing = run.At(TimeSpan.FromMilliseconds(
            Math.Ceiling((stopMs + 500) / SampleEvery.TotalMilliseconds) * SampleEvery.TotalMilliseconds));
        var after = run.Host(afterClosing, c);
        var gone = run.Samples.First(x => x.VirtualTime > afterClosing.VirtualTime
                                          && run.Host(x, c).TimeWait < after.TimeWait);
        if (after.Attempts != kernel.Closes)
            throw new InvalidOperationException($"{after.Attempts} connects, not {kernel.Closes}");
        return new Observed(after.TimeWait, Slope(points), run.Host(afterClosing, s).TimeWait,
            gone.VirtualTime.TotalSeconds);
    }
}
