using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

public sealed partial class Wire
{
    /// <summary>Every full socket the wire holds is listed by its host's demultiplexer, and nothing else is.</summary>
    /// <returns>The first disagreement, or null.</returns>
    public string? CheckTables()
    {
        for (int side = 0; side < 2; side++)
        {
            var host = HostAt(side);
            if (host.SocketCount != _sockets[side].Count)
                return $"side {side}: host lists {host.SocketCount} full sockets, "
                       + $"the wire holds {_sockets[side].Count}";
            foreach (var (tuple, socket) in _sockets[side])
            {
                if (!host.HasSocket(tuple)) return $"side {side}: {tuple} has a Tcb but no entry in the demultiplexer";
                var tcb = socket.Tcb;
                if (tcb.State is TcpState.Closed or TcpState.Listen or TcpState.TimeWait)
                    return $"side {side}: {tuple} is a live full socket in {tcb.State}";
                if (tcb.SndUna > tcb.SndNxt) return $"side {side}: {tuple} has SND.UNA after SND.NXT";
                if (host.TimeWait.Contains(tuple)) return $"side {side}: {tuple} is both a full socket and TIME_WAIT";
            }
        }
        return null;
    }

    /// <summary>The full sockets live on one side, for tests that pick targets among them.</summary>
    public IReadOnlyCollection<SocketPair> SocketsOn(int side) => _sockets[side].Keys;
}
