using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

/// <summary>What a listener did with one segment or one request timer. The caller sends, re-arms and hands over.</summary>
public struct ListenerStep
{
    public ListenerOutcome Outcome;
    /// <summary>Set when Outcome is Admitted: the caller builds the server Tcb and hands it the completing segment.</summary>
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

/// <summary>How a listener step ended, for the caller's books and metrics.</summary>
public enum ListenerOutcome : byte
{
    /// <summary>Nothing changed (a stray segment dropped, a stale timer).</summary>
    None,
    /// <summary>A SYN became a request entry and a SYN-ACK left.</summary>
    RequestQueued,
    /// <summary>A SYN was answered with a syncookie SYN-ACK; nothing kept.</summary>
    CookieSent,
    /// <summary>A SYN was dropped (accept queue full, SYN queue full without cookies, the quarter rule).</summary>
    SynDropped,
    /// <summary>A SYN-ACK was retransmitted (timer, or a retransmitted SYN).</summary>
    SynAckRetransmitted,
    /// <summary>The completing ACK (or a valid cookie) made a child: see Child.</summary>
    Admitted,
    /// <summary>The completing ACK met a full accept queue and was dropped; the request stays (acked).</summary>
    /// <remarks>A valid cookie ACK that meets a full accept queue ends so too, but no request exists to stay.</remarks>
    AckDroppedOnOverflow,
    /// <summary>The request was ended by a RST (ours with tcp_abort_on_overflow, or the peer's).</summary>
    RequestReset,
    /// <summary>The request ran out of SYN-ACK retries and was forgotten without a word.</summary>
    RequestExpired,
    /// <summary>A segment the listener cannot take was answered with a RST (e.g. an ACK with no request).</summary>
    Refused,
}

/// <summary>A listener step sends at most a reply and one more segment.</summary>
[InlineArray(2)]
public struct ListenerSends
{
    private Segment _element;
}
