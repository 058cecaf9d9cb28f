namespace TcpSwarm.Simulation.Engine;

/// <summary>What a host does inside the rounds of a window (<see cref="HostRounds"/>): handle one of its events,
/// apply what one endpoint did, and note when its watched totals moved.</summary>
internal interface IHostRound
{
    /// <summary>One event of the round, in (instant, source, sequence) order.</summary>
    void Handle(in HostEvent e, HostWindow output);

    /// <summary>After each event at <paramref name="at"/>: note the watched totals if a step could have moved them.
    /// </summary>
    void EventHandled(Tcp.Instant at);

    /// <summary>What an endpoint did in the round: sends, timer edits, books, and its end.</summary>
    void Apply(EndpointWork work, HostWindow output);

    /// <summary>After the round's endpoints ran and were applied, at the round's last event's instant.</summary>
    void RoundApplied(Tcp.Instant at);
}
