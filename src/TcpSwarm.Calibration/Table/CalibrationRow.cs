namespace TcpSwarm.Calibration.Table;

/// <summary>One quantity measured on the kernel and in the simulator, with how far apart they may honestly be.
/// </summary>
/// <param name="Experiment">The experiment's short name (synack-offsets, syn-burst-cookies-1, ...).</param>
/// <param name="Quantity">What was measured, in words (SYN-ACK 3 after the first, SYN_RECV after the burst).</param>
/// <param name="Kernel">The kernel's value.</param>
/// <param name="Simulator">The simulator's value, with the kernel's own sysctls.</param>
/// <param name="Unit">s, /s, or "" for a count.</param>
/// <param name="Tolerance">How far kernel − simulator may go below and above 0, and why.</param>
public sealed record CalibrationRow(string Experiment, string Quantity, double Kernel, double Simulator, string Unit,
    Tolerance Tolerance)
{
    public double Difference => Kernel - Simulator;

    /// <summary>Kernel − simulator lies within the tolerance (a nanosecond's rounding aside).</summary>
    public bool Within => Difference >= -Tolerance.Below - 1e-9 && Difference <= Tolerance.Above + 1e-9;

    /// <summary>Why the kernel side's timing cannot be trusted for this row here and now (the machine was too busy
    /// for what the row resolves); null when it can. Such a row neither agrees nor disagrees.</summary>
    public string? Untrusted { get; init; }

    /// <summary>The kernel and the simulator are apart beyond the tolerance, and the kernel's timing is trusted.
    /// </summary>
    public bool Disagrees => Untrusted is null && !Within;

    /// <summary>ok, DIFF or untrusted, as the table prints it.</summary>
    public string Verdict => Untrusted is not null ? "untrusted" : Within ? "ok" : "DIFF";
}
