namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    // Data segments Transmit has sent so far in this call (one tcp_write_xmit): Output forces PSH on the last of a
    // burst of several, as Linux does on a TSO packet of more than one MSS. Zero outside Transmit, so the lone segment
    // of an RTO or a loss probe is never forced.
    private int _burst;
}
