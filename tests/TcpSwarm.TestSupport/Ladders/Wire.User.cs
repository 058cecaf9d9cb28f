using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

public sealed partial class Wire
{
    private void User(in Event e)
    {
        var c = Connections[e.Conn];
        switch (e.Call)
        {
            case UserCall.Connect:
                StartConnect(e.Conn);
                return;
            case UserCall.Accept:
                if (Listener.TryAccept(out var child) && _connByServerTuple.TryGetValue(child, out var accepted))
                    Connections[accepted].Accepted = true;
                return;
        }
        bool client = e.Call is UserCall.ClientSend or UserCall.ClientShutdown or UserCall.ClientClose
            or UserCall.ClientAbort;
        int side = client ? 0 : 1;
        var tuple = client ? c.Tuple : c.Tuple.Reversed;
        if (!_sockets[side].TryGetValue(tuple, out var socket)) return;   // that side has no full socket (any more)
        Do(side, socket, e.Call, e.Bytes);
    }

    private void Do(int side, Socket socket, UserCall call, int bytes)
    {
        var tcb = socket.Tcb;
        var step = call switch
        {
            UserCall.ClientSend or UserCall.ServerSend => tcb.Send(bytes, Now),
            UserCall.ClientShutdown or UserCall.ServerShutdown => tcb.Shutdown(Now),
            UserCall.ClientClose or UserCall.ServerClose => tcb.Close(Now),
            _ => tcb.Abort(Now),
        };
        Apply(side, socket, ref step);
    }

    private void StartConnect(int index)
    {
        var c = Connections[index];
        c.Started = true;
        if (!Client.TryConnect(Server.Address, c.RemotePort, Now, out var open, c.LocalPort))
        {
            c.Error = TcpError.AddrNotAvail;
            AttemptEnded(index);
            return;
        }
        c.Tuple = open.Tuple;
        c.Open = open;
        _connByServerTuple[open.Tuple.Reversed] = index;
        var tcb = Tcb.Connect(open.Tuple, open.Iss, open.TsOffset, Client.Profile, open.Reused, open.TsRecent,
            open.TsRecentStamp);
        var socket = NewSocket(tcb, index);
        _sockets[0][open.Tuple] = socket;
        var step = tcb.Open(Now);
        Apply(0, socket, ref step);
    }

    // The applications: read what arrives, and play the session's request, response and close when one is set.
    private void React(int side, Socket socket, in TcbStep step)
    {
        if (socket.Conn < 0) return;
        var c = Connections[socket.Conn];
        var events = step.Events;
        bool gone = (events & (TcbEvents.Closed | TcbEvents.EnteredTimeWait)) != 0;
        if (side == 0 && (events & TcbEvents.Connected) != 0)
        {
            c.Connected = true;
            if (Session is { } s && !gone) Do(0, socket, UserCall.ClientSend, s.RequestBytes);
        }
        if ((events & TcbEvents.DataArrived) != 0 && AutoRead && !gone)
        {
            int n = socket.Tcb.Read();
            if (side == 0) c.ClientRead += n;
            else c.ServerRead += n;
            if (Session is { } s) PlaySession(side, socket, c, s, n);
        }
        if ((events & TcbEvents.PeerClosed) != 0 && Session is not null && !gone
            && socket.Tcb.State == TcpState.CloseWait)
            Do(side, socket, side == 0 ? UserCall.ClientClose : UserCall.ServerClose, 0);
        if (side == 0 && gone)
        {
            c.Error = step.Error;
            c.Completed = step.Error == TcpError.None;
            AttemptEnded(socket.Conn);
        }
    }

    private void PlaySession(int side, Socket socket, Connection c, Session s, int justRead)
    {
        if (side == 1 && c.ServerRead >= s.RequestBytes && c.ServerRead - justRead < s.RequestBytes)
        {
            Do(1, socket, UserCall.ServerSend, s.ResponseBytes);
            if (s.ServerCloses && _sockets[1].ContainsKey(socket.Tcb.Tuple)) Do(1, socket, UserCall.ServerClose, 0);
        }
        else if (side == 0 && !s.ServerCloses && c.ClientRead >= s.ResponseBytes
                 && c.ClientRead - justRead < s.ResponseBytes)
        {
            Do(0, socket, UserCall.ClientClose, 0);
        }
    }

    // A closed loop reuses the connection's slot, so a long run allocates nothing per attempt.
    private void AttemptEnded(int index)
    {
        AttemptsEnded++;
        if (Session is not { Reconnect: true } s || AttemptsStarted >= s.MaxConnects) return;
        var c = Connections[index];
        _connByServerTuple.Remove(c.Tuple.Reversed);
        if (c.Completed) CompletedAttempts++;
        c.Started = c.Connected = c.Completed = c.Accepted = false;
        c.Error = TcpError.None;
        c.ClientRead = c.ServerRead = 0;
        c.Tuple = default;
        AttemptsStarted++;
        Schedule(Now, new Event { Kind = EventKind.User, Call = UserCall.Connect, Conn = index });
    }

    /// <summary>Attempts whose client side has ended (TIME_WAIT, CLOSED or a failed connect()).</summary>
    public long AttemptsEnded { get; private set; }
    /// <summary>In a closed loop: attempts started after the first ones, and those of them that completed
    /// cleanly.</summary>
    public long AttemptsStarted { get; private set; }
    public long CompletedAttempts { get; private set; }
}
