namespace TcpSwarm.Calibration.Kernel;

/// <summary>The machine's real-time clock in ns since the Unix epoch: the clock the kernel stamps packets with
/// (CLOCK_REALTIME), so user-space instants and packet stamps can be subtracted.</summary>
/// <remarks>The wall clock is read here on purpose: calibrate measures the real kernel in real time. Nothing it
/// reads reaches the simulator.</remarks>
internal static class Clock
{
    public static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    public static double Seconds(long fromNs, long toNs) => (toNs - fromNs) / 1e9;
}
