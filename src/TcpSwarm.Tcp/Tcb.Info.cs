namespace TcpSwarm.Tcp;

public sealed partial class Tcb
{
    /// <summary>A read-only view of the fields TCP_INFO reports (tcp_get_info); reading it changes nothing.</summary>
    public TcbInfo Info => new(_state, _rto, _retransmits, _mss, _timestamps, _sack,
        _sndWscale != 0 || _rcvWscale != 0, _sndWscale, _rcvWscale, _sndNxt - _sndUna, _rcvWnd);
}
