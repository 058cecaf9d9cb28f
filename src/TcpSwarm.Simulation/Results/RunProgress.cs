namespace TcpSwarm.Simulation.Results;

/// <summary>A snapshot for the live view and progress lines, taken between windows.</summary>
/// <param name="StateCounts">Sockets in each RFC 9293 state, indexed by (int)TcpState; both sides; requests count as
/// SYN_RCVD.</param>
/// <param name="Speed">Virtual seconds per wall second over the last interval.</param>
/// <param name="Drops">What the listeners dropped by reason (syn_queue_full, syn_queue_unproven_peer,
/// accept_queue_full), each drop once, non-zero ones only; they add up to Linux's ListenDrops.</param>
public sealed record RunProgress(
    TimeSpan VirtualTime, TimeSpan Duration, double Speed, long Windows, long Events, IReadOnlyList<long> StateCounts,
    IReadOnlyList<ListenerGauge> Listeners, long TimeWait, long PortsInUse,
    IReadOnlyList<KeyValuePair<string, long>> Drops, Outcomes Outcomes, long Attempts)
{
    /// <summary>SYN-ACKs sent with a cookie so far: answers, not drops, so apart from <see cref="Drops"/>.</summary>
    public long CookiesSent { get; init; }
}
