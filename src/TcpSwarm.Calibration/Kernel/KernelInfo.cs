using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>The kernel calibrate runs against: its release, its tick rate (HZ, which sets how late its timers fire)
/// and the TcpSwarm profile that models it.</summary>
/// <param name="HzSource">Where HZ came from: the kernel's config, or a measurement of /proc/timer_list.</param>
public sealed partial record KernelInfo(string Release, int Hz, string HzSource, string Profile)
{
    /// <summary>linux-6.18 for a 6.x kernel that has tcp_syn_linear_timeouts, linux-6.1 otherwise.</summary>
    public static string ProfileFor(string release, bool hasLinearTimeouts)
    {
        var m = Major().Match(release);
        int major = m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return major >= 6 && hasLinearTimeouts ? "linux-6.18" : "linux-6.1";
    }

    /// <summary>Reads this machine's release and HZ; the profile from them and a namespace's `sysctl -a`.</summary>
    internal static async Task<KernelInfo> ReadAsync(string sysctls, CancellationToken cancellation)
    {
        var release = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease", cancellation).ConfigureAwait(false))
            .Trim();
        var (hz, source) = ConfiguredHz(release) is { } configured
            ? (configured, "the kernel's config")
            : (await MeasuredHzAsync(cancellation).ConfigureAwait(false), "/proc/timer_list, measured over 1 s");
        bool linear = sysctls.Contains("net.ipv4.tcp_syn_linear_timeouts", StringComparison.Ordinal);
        return new KernelInfo(release, hz, source, ProfileFor(release, linear));
    }

    /// <summary>CONFIG_HZ from a kernel config text (/proc/config.gz or /boot/config-RELEASE), or null.</summary>
    internal static int? HzFromConfig(string config)
    {
        var m = ConfigHz().Match(config);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static int? ConfiguredHz(string release)
    {
        try
        {
            if (File.Exists("/proc/config.gz"))
            {
                using var gz = new GZipStream(File.OpenRead("/proc/config.gz"), CompressionMode.Decompress);
                using var reader = new StreamReader(gz);
                return HzFromConfig(reader.ReadToEnd());
            }
            var boot = "/boot/config-" + release;
            return File.Exists(boot) ? HzFromConfig(File.ReadAllText(boot)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    // jiffies advance HZ times a second: count them over one second and take the nearest value Linux offers.
    private static async Task<int> MeasuredHzAsync(CancellationToken cancellation)
    {
        static long Jiffies() => long.Parse(JiffiesLine().Match(File.ReadAllText("/proc/timer_list")).Groups[1].Value,
            CultureInfo.InvariantCulture);
        try
        {
            long a = Jiffies(), t0 = Clock.NowNs();
            await Task.Delay(1000, cancellation).ConfigureAwait(false);
            long b = Jiffies(), t1 = Clock.NowNs();
            double hz = (b - a) / Clock.Seconds(t0, t1);
            return new[] { 100, 250, 300, 1000 }.MinBy(h => Math.Abs(h - hz));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 100;                                  // the coarsest: the widest tolerances, never a false alarm
        }
    }

    [GeneratedRegex(@"^(\d+)\.")]
    private static partial Regex Major();

    [GeneratedRegex(@"(?m)^CONFIG_HZ=(\d+)\s*$")]
    private static partial Regex ConfigHz();

    [GeneratedRegex(@"(?m)^jiffies: (\d+)")]
    private static partial Regex JiffiesLine();
}
