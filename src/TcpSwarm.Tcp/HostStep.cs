using System.Diagnostics.CodeAnalysis;

namespace TcpSwarm.Tcp;

/// <summary>Who received a segment at a host (its demultiplexer's decision) and what the host's tables did.</summary>
public struct HostStep
{
    public HostRoute Route;
    /// <summary>ToSocket: the full socket to hand the segment to. Admitted: the new child (server's view).</summary>
    public SocketPair Socket;
    /// <summary>When Route is Listener: the listener's own step (outcome, child, time in SYN_RCVD).</summary>
    public ListenerStep Listener;
    /// <summary>The one timer this step set or cancelled, if any (a TIME_WAIT record's or a request entry's).</summary>
    public HostTimer Timer;
    private ListenerSends _sends;
    private int _sendCount;

    public void Send(in Segment segment) => _sends[_sendCount++] = segment;

    /// <summary>What to send: the listener's sends when a listener took the segment (never copied), else the host's.
    /// </summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<Segment> Sends =>
        Route == HostRoute.Listener ? Listener.Sends : ((ReadOnlySpan<Segment>)_sends)[.._sendCount];

    /// <summary>The listener admitted a child: build its Tcb and hand it this same segment.</summary>
    public readonly bool Admitted => Route == HostRoute.Listener && Listener.Outcome == ListenerOutcome.Admitted;
}
