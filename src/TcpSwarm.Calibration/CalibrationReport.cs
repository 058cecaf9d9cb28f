using TcpSwarm.Calibration.Kernel;
using TcpSwarm.Calibration.Table;

namespace TcpSwarm.Calibration;

/// <summary>What a calibrate run found: the kernel it measured, how, and every row.</summary>
/// <param name="TimerLatency">The 99th percentile of the delays seen in running an expired kernel timer during the
/// run (see TimerLatencyProbe), added once per timer to the timed rows' tolerances.</param>
/// <param name="MaxTimerLatency">The largest of them.</param>
/// <param name="Probes">How many times the probe measured it.</param>
public sealed record CalibrationReport(KernelInfo Kernel, CalibrationMode Mode, IReadOnlyList<CalibrationRow> Rows,
    TimeSpan TimerLatency, TimeSpan MaxTimerLatency, int Probes)
{
    /// <summary>No row disagrees: every row is within its tolerance or untrusted.</summary>
    public bool AllWithin => !Rows.Any(r => r.Disagrees);
}
