using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>What an endpoint did in a window: segments sent, timers set, how its connection ended, segments it
/// bounced.</summary>
/// <remarks>Reused across windows (Clear), so a steady window allocates nothing.</remarks>
public sealed class EndpointOutput
{
    public List<(Segment Segment, Instant At)> Sends { get; } = [];
    /// <summary>Timer edits in this window, in order: a deadline set, or <see cref="Instant.Never"/> for a cancel;
    /// the host wakes the endpoint at each deadline still set when it comes.</summary>
    public List<(EndpointTimerKind Kind, Instant Deadline)> Timers { get; } = [];
    /// <summary>State changes in order (for the per-state gauges): one entry per step that moved the state.</summary>
    public List<(TcpState From, TcpState To)> Transitions { get; } = [];
    /// <summary>Segments that arrived after the connection had ended: the host routes them again.</summary>
    public List<EndpointInput> Bounced { get; } = [];
    public TcpExtCounters Counters { get; } = new();
    /// <summary>Handshakes this endpoint completed in the window (client side): from connect() to
    /// ESTABLISHED.</summary>
    public List<TimeSpan> Handshakes { get; } = [];
    public long Retransmissions;
    public EndpointEnd End;

    public void Clear()
    {
        Sends.Clear();
        Timers.Clear();
        Transitions.Clear();
        Bounced.Clear();
        Handshakes.Clear();
        Retransmissions = 0;
        End = default;
        Counters.Clear();
    }
}
