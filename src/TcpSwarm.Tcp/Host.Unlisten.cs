namespace TcpSwarm.Tcp;

public sealed partial class Host
{
    /// <summary>close() of a listening socket: the port stops listening; later SYNs to it meet a RST.</summary>
    /// <remarks>Its request entries go with it (inet_csk_listen_stop); the caller resets the children still in its
    /// accept queue, since their full sockets live with the caller.</remarks>
    public bool Unlisten(ushort port)
    {
        if (!_listeners.Remove(port)) return false;
        _listening[port >> 6] &= ~(1UL << (port & 63));
        return true;
    }
}
