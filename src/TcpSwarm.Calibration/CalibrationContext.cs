using System.Globalization;
using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;

namespace TcpSwarm.Calibration;

/// <summary>What every experiment shares: the lab of namespaces, the kernel's facts, the mode, and the simulator run
/// with the kernel's own sysctls.</summary>
internal sealed class CalibrationContext(Lab lab, KernelInfo kernel, CalibrationMode mode, TimerLatencyProbe latency,
    TextWriter log)
{
    public Lab Lab { get; } = lab;
    public KernelInfo Kernel { get; } = kernel;
    public CalibrationMode Mode { get; } = mode;
    public TimerWheel Wheel { get; } = new(kernel.Hz);

    /// <summary>A progress line while an experiment runs (one line, whole, among the other experiments' lines).
    /// </summary>
    public void Say(string line)
    {
        lock (log) log.WriteLine(line);
    }

    /// <summary>The 99th percentile of the delays the probe has seen so far in running an expired timer (and waking
    /// its task).</summary>
    public TimeSpan TimerLatency => latency.Latency;

    /// <summary>The most a chain of kernel timers, each armed when the one before fired, may add up to late here and
    /// now: the wheel's rounding of each, plus the measured timer latency for each.</summary>
    public double Lateness(IEnumerable<TimeSpan> chain)
    {
        var timers = chain.ToList();
        return Wheel.MaxLateness(timers).TotalSeconds + timers.Count * TimerLatency.TotalSeconds;
    }

    /// <summary>The reason of a timed row's tolerance, in a few words.</summary>
    public string TimersWhy(int timers) => string.Create(CultureInfo.InvariantCulture,
        $"timer wheel, {timers} {(timers == 1 ? "timer" : "timers")} + {TimerLatency.TotalMilliseconds:0.0} ms "
        + $"p99 latency each");

    /// <summary>A pair of namespaces for one experiment, the same sysctls set in both; and the first one's
    /// `sysctl -a`, which the simulator is then given.</summary>
    public async Task<(NetNamespace Server, NetNamespace Client, string Sysctls)> PairAsync(string experiment,
        IReadOnlyDictionary<string, string> sysctls, CancellationToken cancellation, string second = "cli")
    {
        var (server, client) = await Lab.PairAsync(experiment, "srv", second, cancellation).ConfigureAwait(false);
        foreach (var ns in new[] { server, client })
            foreach (var (name, value) in sysctls.OrderBy(s => s.Key, StringComparer.Ordinal))
                await ns.SetSysctlAsync(name, value, cancellation).ConfigureAwait(false);
        return (server, client, await server.SysctlsAsync(cancellation).ConfigureAwait(false));
    }

    /// <summary>Loads a scenario (YAML without a profile or sysctls) under the kernel's profile and sysctls, through
    /// the same sysctl_file path `tcpswarm run --sysctl-file` takes, and runs it on the engine without Orleans.
    /// </summary>
    public async Task<SimulatedRun> SimulateAsync(string experiment, string yaml, string sysctls,
        CancellationToken cancellation)
    {
        // Given as text under a path of its own: the loader takes it as it would a file read from disk.
        var file = $"calibrate/{experiment}.sysctl";
        var text = $"profile: {Kernel.Profile}\n" + yaml;
        var loaded = ScenarioLoader.LoadFromText($"calibrate/{experiment}.yaml", text,
            new ScenarioOverrides { SysctlFile = file, Files = new Dictionary<string, string> { [file] = sysctls } });
        if (loaded.Scenario is not { } scenario)
            throw new InvalidOperationException($"calibrate built an invalid scenario for {experiment}: "
                + string.Join("; ", loaded.Problems) + "\n" + text);
        var cluster = new LocalCluster(scenario);
        var samples = await cluster.Clock.RunAsync(null, cancellation).ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();     // a run stopped early is no measurement
        return new SimulatedRun(cluster, samples);
    }

    public static string Sysctl(int value) => value.ToString(CultureInfo.InvariantCulture);
}
