using System.Diagnostics.CodeAnalysis;

namespace TcpSwarm.Tcp;

/// <summary>What one event did. The caller sends, re-arms and counts; the Tcb does no IO and no allocation.</summary>
public struct TcbStep(TcpState from)
{
    public readonly TcpState From = from;
    public TcpState To = from;
    public TcbEvents Events;
    public TcpError Error;
    public TimerEdit Retransmit, DelayedAck, FinWait2;
    public TcpExtSet Counters;
    /// <summary>How many of the sends are retransmissions (Tcp: RetransSegs).</summary>
    public int Retransmissions;
    private SegmentsToSend _sends;
    private int _sendCount;

    public void Send(in Segment segment) => _sends[_sendCount++] = segment;   // past the capacity throws: our bug

    [UnscopedRef] public readonly ReadOnlySpan<Segment> Sends => ((ReadOnlySpan<Segment>)_sends)[.._sendCount];

    /// <summary>How many segments the step sends: Sends.Length without making the span.</summary>
    internal readonly int SendCount => _sendCount;

    public readonly TimerEdit Timer(TcbTimer timer) => timer switch
    {
        TcbTimer.Retransmit => Retransmit,
        TcbTimer.DelayedAck => DelayedAck,
        _ => FinWait2,
    };
}
