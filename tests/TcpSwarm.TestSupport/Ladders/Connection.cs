using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

/// <summary>One client connection attempt and how it went.</summary>
public sealed class Connection
{
    public ushort LocalPort, RemotePort;
    public SocketPair Tuple;
    public ActiveOpen Open;
    public bool Started, Connected, Completed, Accepted;
    public TcpError Error;
    public long ClientRead, ServerRead;
}
