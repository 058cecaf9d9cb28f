using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    private const ushort DefaultPort = 8080;     // packetdrill's bind and connect port

    private void Syscall(SyscallLine s)
    {
        var (at, lo, hi) = Resolve(s.Time);
        if (s.End is { Kind: TimeKind.Any }) (lo, hi) = (long.MinValue / 2, long.MaxValue / 2);
        else if (s.End is { } end)
        {
            bool relative = end.Kind == TimeKind.Relative || s.Time.Kind == TimeKind.Relative;
            long endAt = relative ? _last + end.Usecs : end.Usecs;
            (lo, hi) = (endAt - _tolerance, endAt + _tolerance);
        }
        _stack.AdvanceTo(At(at));
        if (_pending is not null) AwaitPending();
        _stack.AdvanceTo(At(at));
        var call = CallText(s);
        CallResult? shown = null;
        _ladder.Add((_stack.Now, () => $"{call} = {(shown is { } r ? r.ToString() : "(blocks)")}"));
        var poll = Start(s);
        var result = poll();
        shown = result;
        if (result is { } done) Returned(s, done, lo, hi);
        else _pending = new Pending(s, poll, lo, hi);
        _last = at;
    }

    // The call as the script wrote it, without its time and result.
    private static string CallText(SyscallLine s)
    {
        int from = s.Text.IndexOf(s.Name + "(", StringComparison.Ordinal);
        int to = s.Text.IndexOf(") =", StringComparison.Ordinal);
        return from >= 0 && to > from ? s.Text[from..(to + 1)] : s.Name + "(...)";
    }

    private void Returned(SyscallLine s, CallResult got, long lo, long hi)
    {
        long now = _stack.Now.Nanoseconds / 1000;
        if (!Matches(s, got))
            throw DrillStop.Fail(s.Line, $"expected {CallText(s)} = {Expected(s)}, got {got} at {Seconds.Of(now)}");
        if (now < lo || now > hi)
            throw DrillStop.Fail(s.Line, $"expected {CallText(s)} = {Expected(s)} between {Seconds.Of(lo)} and "
                                         + $"{Seconds.Of(hi)}, got {got} at {Seconds.Of(now)}");
    }

    private void PollPending()
    {
        if (_pending is not { } p || p.Poll() is not { } result) return;
        _pending = null;
        Note($"{p.Line.Name}(...) returns {result}");
        Returned(p.Line, result, p.Lo, p.Hi);
    }

    // A new call waits for the blocked one (packetdrill's single system-call thread).
    private void AwaitPending()
    {
        var p = _pending!;
        _stack.AdvanceTo(At(p.Hi));
        if (_pending is not null) StillBlocked(p);
    }

    private void CheckPendingLate()
    {
        if (_pending is { } p && _stack.Now.Nanoseconds / 1000 > p.Hi) StillBlocked(p);
    }

    private void FinishPending()
    {
        if (_pending is not { } p) return;
        _stack.AdvanceTo(At(p.Hi));
        if (_pending is not null) StillBlocked(p);
    }

    private void StillBlocked(Pending p) =>
        throw DrillStop.Fail(p.Line.Line, $"expected {CallText(p.Line)} = {Expected(p.Line)} by "
                                          + $"{Seconds.Of(p.Hi)}, got a call still blocked at "
                                          + Seconds.Of(_stack.Now.Nanoseconds / 1000));

    private static bool Matches(SyscallLine s, CallResult got)
    {
        if (s.Result.Kind == ValueKind.Ellipsis) return true;
        if (s.Result.Kind != ValueKind.Number) return false;
        return got.Value == s.Result.Number && (s.Errno ?? "") == (got.Errno ?? "");
    }

    private static string Expected(SyscallLine s) => s.Errno is null ? s.Result.ToString() : $"{s.Result} {s.Errno}";

    // Does what the call does now and returns how to ask for its result (null: it blocks).
    private Func<CallResult?> Start(SyscallLine s)
    {
        switch (s.Name)
        {
            case "socket": return Socket(s);
            case "bind": return Bind(s);
            case "listen": return Listen(s);
            case "accept": return Accept(s);
            case "connect": return Connect(s);
            case "read" or "recv": return Read(s);
            case "write" or "send": return Write(s);
            case "close": return Close(s);
            case "shutdown": return Shutdown(s);
            case "setsockopt": return SetOption(s);
            case "getsockopt": return GetOption(s);
            case "fcntl": return Fcntl(s);
            case "ioctl": return Ioctl(s);
            default: throw DrillStop.Unsupported(s.Line, $"the system call {s.Name}()");
        }
    }

    private static Func<CallResult?> Now(CallResult result) => () => result;

    private long Eval(SyscallLine s, ScriptValue v) => v.Kind switch
    {
        ValueKind.Number => v.Number,
        ValueKind.Name => Names.Constants.TryGetValue(v.Text, out var c)
            ? c : throw DrillStop.Unsupported(s.Line, $"the name {v.Text} in {s.Name}()"),
        ValueKind.Binary => v.Text switch
        {
            "|" => Eval(s, v.Children[0]) | Eval(s, v.Children[1]),
            "&" => Eval(s, v.Children[0]) & Eval(s, v.Children[1]),
            "+" => Eval(s, v.Children[0]) + Eval(s, v.Children[1]),
            _ => Eval(s, v.Children[0]) * Eval(s, v.Children[1]),
        },
        ValueKind.List when v.Children.Count == 1 => Eval(s, v.Children[0]),
        ValueKind.Call when v.Text is "htons" or "htonl" && v.Children.Count == 1 => Eval(s, v.Children[0]),
        _ => throw DrillStop.Unsupported(s.Line, $"the argument {v} of {s.Name}()"),
    };

    private ScriptValue Arg(SyscallLine s, int i) => i < s.Args.Count
        ? s.Args[i]
        : throw DrillStop.Unsupported(s.Line, $"{s.Name}() with {s.Args.Count} arguments");

    private DrillSocket? Fd(SyscallLine s)
    {
        var fd = Eval(s, Arg(s, 0));
        return _fds.GetValueOrDefault((int)fd);
    }

    private Func<CallResult?> Socket(SyscallLine s)
    {
        if (s.Args.Count > 0 && s.Args[0].Kind == ValueKind.Name && s.Args[0].Text is "AF_INET6" or "PF_INET6")
            throw DrillStop.Unsupported(s.Line, "IPv6 sockets");
        long type = Eval(s, Arg(s, 1));
        long protocol = Eval(s, Arg(s, 2));
        if ((type & 0xF) != 1 || protocol is not (0 or 6))
            throw DrillStop.Unsupported(s.Line, protocol == 262 ? "MPTCP" : "sockets other than TCP");
        int fd = s.Result.Kind == ValueKind.Number && s.Result.Number >= 0
            ? (int)s.Result.Number : Enumerable.Range(3, 1000).First(n => !_fds.ContainsKey(n));
        var sock = new DrillSocket(fd) { NonBlocking = (type & 0x800) != 0 };
        _fds[fd] = sock;
        return Now(CallResult.Ok(fd));
    }

    private Func<CallResult?> Bind(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        sock.BoundPort = DefaultPort;
        return Now(CallResult.Ok(0));
    }

    private Func<CallResult?> Listen(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        if (sock.Listener is not null) return Now(CallResult.Ok(0));
        if (sock.BoundPort == 0) sock.BoundPort = DefaultPort;
        if (_stack.Host.TryGetListener(sock.BoundPort, out _)) return Now(CallResult.Fail("EADDRINUSE"));
        sock.Listener = _stack.Host.Listen(sock.BoundPort, (int)Eval(s, Arg(s, 1)));
        sock.Listener.SetMaxSegment(sock.UserMss);                 // TCP_MAXSEG set before listen()
        _underTest = sock;
        return Now(CallResult.Ok(0));
    }

    private Func<CallResult?> Accept(SyscallLine s)
    {
        if (Fd(s) is not { Listener: { } listener } sock) return Now(CallResult.Fail("EINVAL"));
        int fd = s.Result.Kind == ValueKind.Number && s.Result.Number >= 0
            ? (int)s.Result.Number : Enumerable.Range(3, 1000).First(n => !_fds.ContainsKey(n));
        return () =>
        {
            if (!listener.TryAccept(out var tuple))
                return sock.NonBlocking ? CallResult.Fail("EAGAIN") : null;
            var child = new DrillSocket(fd)
            {
                Conn = _stack.All[tuple],
                Flow = _flows.LastOrDefault(f => f.Tuple == tuple),
            };
            _fds[fd] = child;
            _underTest = child;
            return CallResult.Ok(fd);
        };
    }

    private Func<CallResult?> Connect(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        if (sock.Listener is not null) return Now(CallResult.Fail("EISCONN"));
        if (!sock.ConnectStarted)
        {
            sock.ConnectStarted = true;
            var flowPort = sock.BoundPort;
            var conn = _stack.Connect(DefaultPort, flowPort, tcb =>
            {
                if (sock.UserMss != 0) tcb.SetMaxSegment(sock.UserMss);
                if (sock.UserTimeout > TimeSpan.Zero) tcb.SetUserTimeout(sock.UserTimeout);
            });
            if (conn is null) return Now(CallResult.Fail("EADDRNOTAVAIL"));
            var flow = new Flow(conn.Tcb.Tuple.LocalPort, DefaultPort, active: true);
            _flows.Add(flow);
            sock.Conn = conn;
            sock.Flow = flow;
            _underTest = sock;
            if (sock.NonBlocking && !conn.Connected && !conn.Gone) return Now(CallResult.Fail("EINPROGRESS"));
        }
        else if (sock.NonBlocking && sock.Conn is { Connected: false, Gone: false })
        {
            return Now(CallResult.Fail("EALREADY"));
        }
        var c = sock.Conn!;
        return () =>
        {
            if (c.Error != TcpError.None)
            {
                c.ErrorReported = true;
                return CallResult.Fail(Names.Errno(c.Error));
            }
            if (c.Connected) return CallResult.Ok(0);
            return c.Gone ? CallResult.Fail("ECONNABORTED") : null;
        };
    }

    private Func<CallResult?> Read(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        if (sock.Conn is not { } c) return Now(CallResult.Fail("ENOTCONN"));
        long max = Eval(s, Arg(s, 2));
        long flags = s.Name == "recv" && s.Args.Count > 3 ? Eval(s, s.Args[3]) : 0;
        if ((flags & ~0x40L) != 0) throw DrillStop.Unsupported(s.Line, $"recv() flags {s.Args[3]} (only MSG_DONTWAIT)");
        bool dontWait = (flags & 0x40) != 0;
        return () =>
        {
            if (c.Readable > 0) return CallResult.Ok(c.Take(max));
            if (c.Error != TcpError.None && !c.ErrorReported)
            {
                c.ErrorReported = true;
                return CallResult.Fail(Names.Errno(c.Error));
            }
            if (c.PeerClosed || c.Gone || sock.ReadShutdown) return CallResult.Ok(0);
            if (!c.Connected && c.Tcb.State == TcpState.SynSent && sock.NonBlocking) return CallResult.Fail("EAGAIN");
            return sock.NonBlocking || dontWait ? CallResult.Fail("EAGAIN") : null;
        };
    }

    private Func<CallResult?> Write(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        if (sock.Conn is not { } c) return Now(CallResult.Fail("EPIPE"));
        int bytes = (int)Eval(s, Arg(s, 2));
        long flags = s.Name == "send" && s.Args.Count > 3 ? Eval(s, s.Args[3]) : 0;
        if (flags != 0)
            throw DrillStop.Unsupported(s.Line, (flags & 0x4000000) != 0 ? "zero-copy (MSG_ZEROCOPY)"
                : (flags & 0x20000000) != 0 ? "TCP Fast Open (MSG_FASTOPEN)" : $"send() flags {s.Args[3]}");
        if (bytes < 0) throw DrillStop.Unsupported(s.Line, $"write() of {bytes} bytes");
        int left = bytes;
        bool waiting = false;
        return () =>
        {
            if (c.Error != TcpError.None && !c.ErrorReported)
            {
                c.ErrorReported = true;
                return CallResult.Fail(Names.Errno(c.Error));
            }
            var state = c.Tcb.State;
            if (c.Gone || state is not (TcpState.SynSent or TcpState.SynReceived or TcpState.Established
                    or TcpState.CloseWait)) return CallResult.Fail("EPIPE");
            if (state == TcpState.SynSent) return sock.NonBlocking ? CallResult.Fail("EAGAIN") : null;
            // tcp_sendmsg_locked: queue what the send buffer takes; a blocking write then sleeps until
            // sk_stream_write_space finds the socket writeable, a non-blocking one returns what it queued, or EAGAIN.
            if (waiting && !c.Tcb.Writable) return null;
            int n = Math.Min(left, c.Tcb.SendSpace);
            if (n > 0)
            {
                _stack.Call(c, tcb => tcb.Send(n, _stack.Now));
                left -= n;
            }
            if (left == 0) return CallResult.Ok(bytes);
            if (sock.NonBlocking) return left < bytes ? CallResult.Ok(bytes - left) : CallResult.Fail("EAGAIN");
            waiting = true;
            return null;
        };
    }

    private Func<CallResult?> Close(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        _fds.Remove(sock.Fd);
        if (sock.Listener is { } listener)
        {
            _stack.Host.Unlisten(sock.BoundPort);
            while (listener.TryAccept(out var tuple))             // inet_csk_listen_stop: unaccepted children reset
                if (_stack.All.TryGetValue(tuple, out var child)) _stack.Call(child, tcb => tcb.Abort(_stack.Now));
        }
        else if (sock.Conn is { } c)
        {
            _stack.Call(c, tcb => sock.LingerZero ? tcb.Abort(_stack.Now) : tcb.Close(_stack.Now));
        }
        return Now(CallResult.Ok(0));
    }

    private Func<CallResult?> Shutdown(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long how = Eval(s, Arg(s, 1));
        if (sock.Conn is not { } c || !c.Connected && c.Tcb.State != TcpState.SynSent)
            return Now(CallResult.Fail("ENOTCONN"));
        if (how is 0 or 2) sock.ReadShutdown = true;
        if (how is 1 or 2) _stack.Call(c, tcb => tcb.Shutdown(_stack.Now));
        return Now(CallResult.Ok(0));
    }
}
