using System.Diagnostics.CodeAnalysis;

namespace TcpSwarm.Tcp;

/// <summary>What a listener did with one segment or one request timer. The caller sends, re-arms and hands
/// over.</summary>
public struct ListenerStep
{
    public ListenerOutcome Outcome;
    /// <summary>Set when Outcome is Admitted: the caller builds the server Tcb and hands it the completing
    /// segment.</summary>
    public AcceptedConnection Child;
    /// <summary>The request entry's timer: Set for a new or re-armed entry, Cancel once it is gone.</summary>
    public TimerEdit RequestTimer;
    /// <summary>The request entry the timer edit is for (the server's view of the 4-tuple).</summary>
    public SocketPair Request;
    /// <summary>When the request that ended in this step entered the SYN queue (time in SYN_RCVD).</summary>
    public Instant RequestBornAt;
    private ListenerSends _sends;
    private int _sendCount;

    public void Send(in Segment segment) => _sends[_sendCount++] = segment;

    [UnscopedRef] public readonly ReadOnlySpan<Segment> Sends => ((ReadOnlySpan<Segment>)_sends)[.._sendCount];
}
