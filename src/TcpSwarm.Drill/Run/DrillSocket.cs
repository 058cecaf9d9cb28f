using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

// A file descriptor of the script: a fresh socket, a listener, or a full socket (connected or accepted).
internal sealed class DrillSocket(int fd)
{
    public int Fd { get; } = fd;
    public bool NonBlocking { get; set; }
    public ushort BoundPort { get; set; }
    public Listener? Listener { get; set; }
    public Conn? Conn { get; set; }
    public Flow? Flow { get; set; }
    /// <summary>SO_LINGER with l_onoff 1 and l_linger 0: close() aborts with a RST.</summary>
    public bool LingerZero { get; set; }
    public bool ConnectStarted { get; set; }
    /// <summary>TCP_MAXSEG set before connect(): the Tcb gets it as it is made (0 unset).</summary>
    public int UserMss { get; set; }
    /// <summary>TCP_USER_TIMEOUT set before connect() or on a listener (children inherit it); zero unset.</summary>
    public TimeSpan UserTimeout { get; set; }
    /// <summary>SO_SNDBUF as requested before the socket had a Tcb (a listener's children inherit it); 0 unset.
    /// </summary>
    public int SendBufferRequest { get; set; }
    /// <summary>shutdown(SHUT_RD): a read with nothing queued returns 0 at once (RCV_SHUTDOWN).</summary>
    public bool ReadShutdown { get; set; }
}
