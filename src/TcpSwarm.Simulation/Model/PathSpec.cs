namespace TcpSwarm.Simulation.Model;

/// <summary>The network between a client group (or attacker) and a server, the same in both directions.</summary>
/// <remarks>Each segment, in each direction, draws its own latency, jitter, loss, duplication and reordering,
/// keyed by (seed, sender, the sender's counter). Probabilities are integer parts per million (1% = 10,000). With
/// <paramref name="KeepOrder"/> a segment arrives no earlier than the one its sender sent before it in the same
/// direction of the same 4-tuple, as on a real path, where jitter is queueing and queues are first in, first out;
/// only <paramref name="ReorderPpm"/> then lets a segment be overtaken.</remarks>
/// <param name="From">A client group's or attacker's name.</param>
/// <param name="To">A server's name.</param>
/// <param name="Latency">The one-way delay distribution; its floor is above 0.</param>
/// <param name="Jitter">An extra delay drawn uniformly from [0, Jitter] for each segment.</param>
/// <param name="LossPpm">The probability a segment is lost, 0 to 1,000,000.</param>
/// <param name="DuplicatePpm">The probability a segment is delivered twice (the copy draws its own delay).</param>
/// <param name="ReorderPpm">The probability a segment is held back by an extra delay, uniform up to the latency floor
/// plus the jitter, so segments sent after it may overtake it.</param>
/// <param name="KeepOrder">Whether a direction of a connection keeps its order (true, the default); false draws each
/// segment's delay alone, so jitter alone reorders a flow.</param>
public sealed record PathSpec(
    string From,
    string To,
    LatencySpec Latency,
    TimeSpan Jitter,
    int LossPpm,
    int DuplicatePpm,
    int ReorderPpm,
    bool KeepOrder = true);
