namespace TcpSwarm.Simulation.Results;

/// <summary>What a run's scenario and seed determine, and nothing else: the content of summary.json.</summary>
/// <remarks>Counters are keyed by Linux's names as nstat prints them and listed in ordinal order of the name.</remarks>
public sealed record RunSummary(
    string Scenario, ulong Seed, string Profile, double VirtualSeconds, long Attempts, Outcomes Outcomes,
    IReadOnlyList<ServerSummary> Servers, IReadOnlyList<ClientSummary> Clients,
    IReadOnlyList<AttackerSummary> Attackers)
{
    /// <summary>Handshakes over every client group's attempts.</summary>
    public HandshakeFigures Handshake { get; init; } = HandshakeFigures.None;

    /// <summary>Lifetimes of every client group's connections that ended.</summary>
    public LifetimeFigures Lifetime { get; init; } = LifetimeFigures.None;

    /// <summary>The events of <see cref="RunEventKind"/> that happened, by first instant, then name, then place.
    /// </summary>
    public IReadOnlyList<RunEvent> Events { get; init; } = [];
}
