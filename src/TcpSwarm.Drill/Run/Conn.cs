using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// A full socket of the local stack and what its application side has seen of it.
internal sealed class Conn(Tcb tcb)
{
    public Tcb Tcb { get; } = tcb;
    public Instant[] Deadlines { get; } = [Instant.Never, Instant.Never, Instant.Never];
    /// <summary>Closed or handed to TIME_WAIT: the host no longer routes to it.</summary>
    public bool Gone { get; set; }
    public bool Connected { get; set; }
    public bool PeerClosed { get; set; }
    public TcpError Error { get; set; }
    public bool ErrorReported { get; set; }
    /// <summary>Linux's icsk_ack.lrcvtime: when data last arrived, or the connection was established.</summary>
    public Instant? LastDataRecv { get; set; }
    /// <summary>Bytes taken from the Tcb and not yet returned by read() (reads smaller than what arrived).</summary>
    public long Buffered { get; set; }

    public long Readable => Buffered + Tcb.Readable;

    public long Take(long max)
    {
        Buffered += Tcb.Read();
        long n = Math.Min(max, Buffered);
        Buffered -= n;
        return n;
    }
}
