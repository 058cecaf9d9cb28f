using System.Globalization;

namespace TcpSwarm.Simulation.Model;

/// <summary>How fast virtual time may run: as fast as the cluster can go, or at most Factor times wall time.</summary>
/// <param name="Factor">Virtual seconds per wall second, above 0; <see cref="double.PositiveInfinity"/> for max.
/// 1 is wall time (live demos); when the cluster cannot keep up, virtual time slows and results stay correct.</param>
public sealed record Pacing(double Factor)
{
    /// <summary>speed: max, for experiments.</summary>
    public static Pacing Max { get; } = new(double.PositiveInfinity);

    public bool IsMax => double.IsPositiveInfinity(Factor);

    public override string ToString() => IsMax ? "max" : Factor.ToString("R", CultureInfo.InvariantCulture);
}
