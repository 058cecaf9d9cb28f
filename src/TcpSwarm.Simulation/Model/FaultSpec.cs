using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Model;

/// <summary>A scheduled fault, active from From (inclusive) to Until (exclusive) of virtual time.</summary>
/// <remarks>A segment is judged when it is sent: one sent inside the window and matched is lost.</remarks>
/// <param name="From">0 &lt;= From &lt; Until.</param>
/// <param name="Until">At most the run's duration.</param>
public abstract record FaultSpec(TimeSpan From, TimeSpan Until)
{
    /// <summary>Drops the matching segments sent from Sender to Receiver (one direction only).</summary>
    /// <param name="Sender">A client group, attacker or server name.</param>
    /// <param name="Receiver">A server name when Sender is a client group or attacker, else a client group's.</param>
    /// <param name="Segments">Which segments; not None.</param>
    public sealed record Drop(string Sender, string Receiver, SegmentKinds Segments, TimeSpan From, TimeSpan Until)
        : FaultSpec(From, Until)
    {
        /// <summary>Whether a segment with these flags and this much data is one this fault drops.</summary>
        public bool Matches(TcpFlags flags, int payloadLength)
        {
            bool syn = (flags & TcpFlags.Syn) != 0, ack = (flags & TcpFlags.Ack) != 0;
            bool fin = (flags & TcpFlags.Fin) != 0, rst = (flags & TcpFlags.Rst) != 0;
            var kinds = SegmentKinds.None;
            if (syn) kinds |= ack ? SegmentKinds.SynAck : SegmentKinds.Syn;
            if (fin) kinds |= SegmentKinds.Fin;
            if (rst) kinds |= SegmentKinds.Rst;
            if (payloadLength > 0) kinds |= SegmentKinds.Data;
            else if (ack && !syn && !fin && !rst) kinds |= SegmentKinds.PureAck;
            return (kinds & Segments) != 0;
        }
    }

    /// <summary>Every segment to or from the named server or client group is lost.</summary>
    /// <param name="Host">A server, client group or attacker name.</param>
    public sealed record BlackHole(string Host, TimeSpan From, TimeSpan Until) : FaultSpec(From, Until);

    /// <summary>Every segment between the two named parties, in both directions, is lost.</summary>
    /// <param name="One">A server, client group or attacker name.</param>
    /// <param name="Other">Another such name.</param>
    public sealed record Partition(string One, string Other, TimeSpan From, TimeSpan Until) : FaultSpec(From, Until);
}
