namespace TcpSwarm.Calibration.Table;

/// <summary>The band kernel − simulator may fall in: [−Below, +Above], with the reason in a few words.</summary>
public sealed record Tolerance(double Below, double Above, string Why)
{
    /// <summary>A count that must agree exactly.</summary>
    public static Tolerance Exact { get; } = new(0, 0, "exact count");

    public static Tolerance Symmetric(double width, string why) => new(width, width, why);
}
