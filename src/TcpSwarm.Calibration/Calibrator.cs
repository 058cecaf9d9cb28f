using TcpSwarm.Calibration.Experiments;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration;

/// <summary>Runs every experiment against this machine's kernel and in the simulator, side by side, and gathers
/// their rows; the namespaces are removed before it returns or throws.</summary>
public static class Calibrator
{
    /// <summary>The tools calibrate needs, with the Debian package that brings each.</summary>
    public static IReadOnlyList<(string Tool, string Package)> Tools { get; } =
        [("ip", "iproute2"), ("ss", "iproute2"), ("nstat", "iproute2"), ("nft", "nftables"), ("sysctl", "procps")];

    /// <summary>Why calibrate cannot run here (not root, a tool missing), or null when it can.</summary>
    public static string? MissingPrecondition()
    {
        if (!OperatingSystem.IsLinux()) return "calibrate measures a Linux kernel; this is not Linux";
        if (!Environment.IsPrivilegedProcess)
            return "calibrate needs root: it creates network namespaces, veth pairs and nftables rules, sets sysctls "
                   + "inside them and opens raw sockets (run it with sudo)";
        var missing = Tools.Where(t => !HostCommand.Exists(t.Tool)).ToList();
        return missing.Count == 0
            ? null
            : $"calibrate needs {string.Join(", ", missing.Select(t => t.Tool))}; install "
              + $"apt-get install {string.Join(' ', missing.Select(t => t.Package).Distinct())}";
    }

    /// <summary>Removes leftovers of crashed runs, reads the kernel, runs the experiments concurrently.</summary>
    /// <param name="log">Progress lines (which experiment started and finished).</param>
    public static Task<CalibrationReport> RunAsync(CalibrationMode mode, TextWriter log,
        CancellationToken cancellation) => RunAsync(mode, log, cancellation, Experiments());

    /// <summary>Only the given experiments (a test's, with its knobs).</summary>
    internal static async Task<CalibrationReport> RunAsync(CalibrationMode mode, TextWriter log,
        CancellationToken cancellation, IReadOnlyList<Experiment> experiments)
    {
        ArgumentNullException.ThrowIfNull(mode);
        ArgumentNullException.ThrowIfNull(log);
        var leftovers = await Lab.RemoveLeftoversAsync(cancellation).ConfigureAwait(false);
        if (leftovers.Count > 0) log.WriteLine($"removed {leftovers.Count} namespaces an earlier run left behind");
        var lab = new Lab();
        try
        {
            var first = (await lab.PairAsync("kernel", "a", "b", cancellation).ConfigureAwait(false)).First;
            var kernel = await KernelInfo.ReadAsync(await first.SysctlsAsync(cancellation).ConfigureAwait(false),
                cancellation).ConfigureAwait(false);
            log.WriteLine($"kernel {kernel.Release}, HZ {kernel.Hz} ({kernel.HzSource}); simulator profile "
                          + $"{kernel.Profile} with the namespaces' own sysctls");
            using var probe = new TimerLatencyProbe(kernel.Hz);
            var context = new CalibrationContext(lab, kernel, mode, probe, log);
            var runs = experiments.Select(e => RunOneAsync(e, context, log, cancellation)).ToList();
            var rows = (await Task.WhenAll(runs).ConfigureAwait(false)).SelectMany(r => r).ToList();
            return new CalibrationReport(kernel, mode, rows, probe.Latency, probe.MaxLatency, probe.Probes);
        }
        finally
        {
            await lab.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Experiment[] Experiments() =>
    [
        new SynAckOffsets(), new SynOffsets(), new AcceptBacklog(), new SynBurst(0), new SynBurst(1), new SynBurst(2),
        new TimeWaitGrowth(), new PortRange(),
    ];

    private static async Task<IReadOnlyList<CalibrationRow>> RunOneAsync(Experiment experiment,
        CalibrationContext context, TextWriter log, CancellationToken cancellation)
    {
        await Task.Yield();
        lock (log) log.WriteLine($"  {experiment.Name}: started");
        var rows = await experiment.RunAsync(context, cancellation).ConfigureAwait(false);
        int untrusted = rows.Count(r => r.Untrusted is not null);
        lock (log)
            log.WriteLine($"  {experiment.Name}: done, {rows.Count(r => r.Disagrees)} of {rows.Count} rows apart"
                          + (untrusted > 0 ? $", {untrusted} untrusted" : ""));
        return rows;
    }
}
