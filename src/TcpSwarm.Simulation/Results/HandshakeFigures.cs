namespace TcpSwarm.Simulation.Results;

/// <summary>How long connect() took to reach ESTABLISHED, over a set of attempts: quantiles of the handshakes that
/// completed (read from a <see cref="Engine.DurationSketch"/>: at most 1% below), and the shares of all attempts.
/// </summary>
/// <param name="Completed">Handshakes that completed.</param>
/// <param name="P50Ms">The median completed handshake, in ms (nearest rank); null when none completed.</param>
/// <param name="MaxMs">The longest completed handshake, exactly.</param>
/// <param name="Over1s">The share of attempts whose handshake completed in more than 1 s (0 to 1).</param>
/// <param name="Over3s">The share of attempts whose handshake completed in more than 3 s.</param>
/// <param name="NeverCompleted">The share of attempts whose handshake never completed (refused, reset, timed out,
/// out of ports, or still under way at the end).</param>
public sealed record HandshakeFigures(long Completed, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs,
    double Over1s, double Over3s, double NeverCompleted)
{
    public static readonly HandshakeFigures None = new(0, null, null, null, null, 0, 0, 0);
}
