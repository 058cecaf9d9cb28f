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

    private void Do(int side, FullSocket socket, UserCall call, int bytes)
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
        if (!CreateSocket(index))
        {
            AttemptEnded(index);
            return;
        }
        var socket = _sockets[0][Connections[index].Tuple];
        var step = socket.Tcb.Open(Now);
        Apply(0, socket, ref step);
    }

    // connect()'s choice of 4-tuple and ISN, and the Tcb in CLOSED; false when no port is free.
    private bool CreateSocket(int index)
    {
        var c = Connections[index];
        c.Started = true;
        if (!Client.TryConnect(Server.Address, c.RemotePort, Now, out var open, c.LocalPort))
        {
            c.Error = TcpError.AddrNotAvail;
            return false;
        }
        c.Tuple = open.Tuple;
        c.Open = open;
        _connByServerTuple[open.Tuple.Reversed] = index;
        var tcb = Tcb.Connect(open.Tuple, open.Iss, open.TsOffset, Client.Profile, open.Reused, open.TsRecent,
            open.TsRecentStamp);
        _sockets[0][open.Tuple] = NewSocket(tcb, index);
        return true;
    }

    /// <summary>socket() and connect()'s choice of 4-tuple and ISN, now, but no SYN yet: the client's Tcb waits in
    /// CLOSED, so a test can set its options before <see cref="Open"/>. Returns the connection's index.</summary>
    public int Socket(ushort localPort = 0, ushort remotePort = ServerPort)
    {
        Connections.Add(new Connection { LocalPort = localPort, RemotePort = remotePort });
        int index = Connections.Count - 1;
        if (!CreateSocket(index)) throw new InvalidOperationException("connect() found no free port");
        return index;
    }

    /// <summary>The server connects too, from the port the client calls to the client's own: once both are
    /// opened, a simultaneous open (RFC 9293 §3.5 figure 7). Its server must not listen on that port.</summary>
    public void SocketOnServer(int conn)
    {
        var c = Connections[conn];
        if (!Server.TryConnect(Client.Address, c.Tuple.LocalPort, Now, out var open, c.Tuple.RemotePort))
            throw new InvalidOperationException("the server could not bind the client's destination port");
        var tcb = Tcb.Connect(open.Tuple, open.Iss, open.TsOffset, Server.Profile, open.Reused, open.TsRecent,
            open.TsRecentStamp);
        _sockets[1][open.Tuple] = NewSocket(tcb, conn);
    }

    /// <summary>connect() on the sockets made by <see cref="Socket"/> (and <see cref="SocketOnServer"/>): each
    /// sends its SYN at that instant.</summary>
    public void Open(Instant at, int conn)
    {
        At(at, 0, conn, static (tcb, now) => tcb.Open(now));
        if (_sockets[1].ContainsKey(Connections[conn].Tuple.Reversed))
            At(at, 1, conn, static (tcb, now) => tcb.Open(now));
    }

    /// <summary>An application call on one side's socket of a connection at that instant (none if that side holds
    /// no full socket then).</summary>
    public void At(Instant at, int side, int conn, Func<Tcb, Instant, TcbStep> call)
    {
        _acts.Add(call);
        Schedule(at, new Event { Kind = EventKind.Act, Side = side, Conn = conn, Act = _acts.Count - 1 });
    }

    // The calls of At, kept out of the events so that an Event holds no references (a test makes a handful).
    private readonly List<Func<Tcb, Instant, TcbStep>> _acts = [];

    /// <summary>Once a step of that side's socket satisfies the condition, the application makes the call at the same
    /// instant (once).</summary>
    public void When(int side, int conn, Func<Tcb, TcbStep, bool> condition, Func<Tcb, Instant, TcbStep> call) =>
        _triggers.Add((side, conn, condition, call));

    /// <summary>The deadline a full socket's timer is armed for, or null when it is not armed (or the socket is
    /// gone).</summary>
    public Instant? Deadline(int side, in SocketPair tuple, TcbTimer timer) =>
        _sockets[side].TryGetValue(tuple, out var s) && s.Deadlines[(int)timer] != Instant.Never
            ? s.Deadlines[(int)timer]
            : null;

    private readonly List<(int Side, int Conn, Func<Tcb, TcbStep, bool> When, Func<Tcb, Instant, TcbStep> Call)>
        _triggers = [];

    private void Act(in Event e)
    {
        var tuple = e.Side == 0 ? Connections[e.Conn].Tuple : Connections[e.Conn].Tuple.Reversed;
        if (!_sockets[e.Side].TryGetValue(tuple, out var socket)) return;
        var step = _acts[e.Act](socket.Tcb, Now);
        Apply(e.Side, socket, ref step);
    }

    // The first trigger of that side and connection whose condition the step meets fires, and only it.
    private void Trigger(int side, FullSocket socket, in TcbStep step)
    {
        for (int i = 0; i < _triggers.Count; i++)
        {
            var t = _triggers[i];
            if (t.Side != side || t.Conn != socket.Conn || !t.When(socket.Tcb, step)) continue;
            _triggers.RemoveAt(i);
            var next = t.Call(socket.Tcb, Now);
            Apply(side, socket, ref next);
            return;
        }
    }

    // The applications: read what arrives, and play the session's request, response and close when one is set.
    private void React(int side, FullSocket socket, in TcbStep step)
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

    private void PlaySession(int side, FullSocket socket, Connection c, Session s, int justRead)
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
