using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration.Experiments;

/// <summary>One small experiment: run on the kernel in namespaces of its own, then in the simulator with the
/// kernel's sysctls; its rows compare the two.</summary>
internal abstract class Experiment(string name)
{
    protected const int Port = 8080;

    public string Name { get; } = name;

    public abstract Task<IReadOnlyList<CalibrationRow>> RunAsync(CalibrationContext context,
        CancellationToken cancellation);

    protected CalibrationRow Row(string quantity, double kernel, double simulator, string unit, Tolerance tolerance) =>
        new(Name, quantity, kernel, simulator, unit, tolerance);

    /// <summary>Waits until <paramref name="atNs"/> on the real-time clock (no-op when it has passed).</summary>
    protected static Task UntilAsync(long atNs, CancellationToken cancellation)
    {
        long wait = atNs - Kernel.Clock.NowNs();
        return wait > 0 ? Task.Delay(TimeSpan.FromTicks(wait / 100), cancellation) : Task.CompletedTask;
    }

    protected static long Seconds(double s) => (long)(s * 1e9);
}
