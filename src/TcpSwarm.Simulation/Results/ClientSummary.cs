namespace TcpSwarm.Simulation.Results;

/// <summary>One client group toward its target: attempts, outcomes, TIME_WAIT and port peaks, its Linux
/// counters.</summary>
public sealed record ClientSummary(
    string Name, string Target, long Attempts, Outcomes Outcomes, long PeakTimeWait, long PeakPortsInUse,
    IReadOnlyList<KeyValuePair<string, long>> Counters)
{
    /// <summary>Its handshakes, over its attempts.</summary>
    public HandshakeFigures Handshake { get; init; } = HandshakeFigures.None;

    /// <summary>Lifetimes of its connections that ended, on its side.</summary>
    public LifetimeFigures Lifetime { get; init; } = LifetimeFigures.None;
}
