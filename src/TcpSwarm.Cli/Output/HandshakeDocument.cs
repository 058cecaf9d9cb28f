using System.Text.Json.Serialization;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>summary.json's handshake figures: quantiles of completed handshakes in ms (null when none completed), and
/// shares (0 to 1) of attempts: completed in over 1 s, over 3 s, never completed.</summary>
internal sealed record HandshakeDocument(long Completed, double? P50Ms, double? P90Ms, double? P99Ms, double? MaxMs,
    [property: JsonPropertyName("over_1s")] double Over1s, [property: JsonPropertyName("over_3s")] double Over3s,
    double NeverCompleted)
{
    public static HandshakeDocument Of(HandshakeFigures h) =>
        new(h.Completed, h.P50Ms, h.P90Ms, h.P99Ms, h.MaxMs, h.Over1s, h.Over3s, h.NeverCompleted);
}
