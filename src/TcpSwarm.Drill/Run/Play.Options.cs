using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    private const long SolSocket = 1, SolTcp = 6;
    private const int WmemMax = 212_992;                              // net.core.wmem_max's default

    private Func<CallResult?> SetOption(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long level = Eval(s, Arg(s, 1)), name = Eval(s, Arg(s, 2));
        var optName = s.Args[2].ToString();
        switch (level, name)
        {
            case (SolSocket, 2) or (SolSocket, 15):                  // SO_REUSEADDR, SO_REUSEPORT: no port clash here
            case (SolTcp, 1):                                        // TCP_NODELAY: the model sends at once anyway
                return Now(CallResult.Ok(0));
            case (SolSocket, 13):                                    // SO_LINGER {l_onoff, l_linger}
                var fields = Arg(s, 3).Children.Select(f => f.Kind == ValueKind.Field ? f.Children[0] : f).ToList();
                if (fields.Count != 2) throw DrillStop.Unsupported(s.Line, "SO_LINGER without {l_onoff, l_linger}");
                long onoff = Eval(s, fields[0]), linger = Eval(s, fields[1]);
                if (onoff != 0 && linger != 0) throw DrillStop.Unsupported(s.Line, "SO_LINGER with a timeout");
                sock.LingerZero = onoff != 0;
                return Now(CallResult.Ok(0));
            case (SolSocket, 7):                                     // SO_SNDBUF
                return Now(SetSendBuffer(sock, Eval(s, Arg(s, 3))));
            case (SolTcp, 2):                                        // TCP_MAXSEG
                return Now(SetMaxSegment(sock, (int)Eval(s, Arg(s, 3))));
            case (SolTcp, 18):                                       // TCP_USER_TIMEOUT, in milliseconds
                return Now(SetUserTimeout(sock, Eval(s, Arg(s, 3))));
            default:
                throw DrillStop.Unsupported(s.Line, $"setsockopt {optName}");
        }
    }

    // do_tcp_setsockopt(TCP_MAXSEG): user_mss, kept by a fresh socket for its SYN, by a listener for its SYN-ACKs and
    // children, by a connected one for nothing the model sends (Linux keeps it too, and mss_cache stays).
    private static CallResult SetMaxSegment(DrillSocket sock, int bytes)
    {
        bool ok = sock.Conn is { } c ? c.Tcb.SetMaxSegment(bytes)
            : sock.Listener is { } l ? l.SetMaxSegment(bytes)
            : bytes == 0 || bytes is >= 88 and <= 32767;
        if (!ok) return CallResult.Fail("EINVAL");
        sock.UserMss = bytes;
        return CallResult.Ok(0);
    }

    // do_tcp_setsockopt(TCP_USER_TIMEOUT): a negative value is EINVAL; a listener's children inherit it
    // (inet_csk_clone_lock copies icsk_user_timeout).
    private static CallResult SetUserTimeout(DrillSocket sock, long millis)
    {
        if (millis < 0 || millis > int.MaxValue) return CallResult.Fail("EINVAL");
        var timeout = TimeSpan.FromMilliseconds(millis);
        if (sock.Conn is { } c && !c.Tcb.SetUserTimeout(timeout)) return CallResult.Fail("EINVAL");
        sock.UserTimeout = timeout;
        return CallResult.Ok(0);
    }

    // sock_setsockopt(SO_SNDBUF): any int is taken (a negative one as 0), clamped to wmem_max and doubled in the Tcb.
    private static CallResult SetSendBuffer(DrillSocket sock, long bytes)
    {
        int value = (int)Math.Clamp(bytes, 0, int.MaxValue);
        sock.SendBufferRequest = value;
        sock.Conn?.Tcb.SetSendBuffer(value, WmemMax);
        return CallResult.Ok(0);
    }

    // A listener's child inherits what was set on the listener (sk_clone_lock copies sk_sndbuf and its lock).
    private void InheritOptions(Tcb child)
    {
        var listener = _fds.Values.FirstOrDefault(f => f.Listener is not null && f.BoundPort == child.Tuple.LocalPort);
        if (listener is { UserTimeout: var timeout } && timeout > TimeSpan.Zero) child.SetUserTimeout(timeout);
        if (listener is { SendBufferRequest: > 0 and var sndbuf }) child.SetSendBuffer(sndbuf, WmemMax);
    }

    private Func<CallResult?> GetOption(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long level = Eval(s, Arg(s, 1)), name = Eval(s, Arg(s, 2));
        if ((level, name) is (SolTcp, 2) or (SolTcp, 18))
        {
            // do_tcp_getsockopt: TCP_MAXSEG is mss_cache (536 before a handshake), or user_mss in CLOSE and LISTEN.
            long value = name == 2
                ? sock.Conn is { } conn ? conn.Tcb.MaxSegment : sock.UserMss != 0 ? sock.UserMss : 536
                : (long)(sock.Conn?.Tcb.UserTimeout ?? sock.UserTimeout).TotalMilliseconds;
            long expected = Eval(s, Arg(s, 3));
            if (expected != value)
                throw DrillStop.Fail(s.Line, $"expected {s.Args[2]} [{expected}], got [{value}] at "
                                             + Seconds.Of(_stack.Now.Nanoseconds / 1000));
            return Now(CallResult.Ok(0));
        }
        if ((level, name) == (SolSocket, 7))
        {
            // SO_SNDBUF: sk_sndbuf once set (doubled); an unset one is autotuned in Linux, which the model does not do.
            int value = sock.Conn?.Tcb.SendBuffer ?? 0;
            if (value == 0 && sock.SendBufferRequest > 0)
                value = Math.Max(Math.Min(sock.SendBufferRequest, WmemMax) * 2, 4608);
            if (value == 0) throw DrillStop.Unsupported(s.Line, "getsockopt SO_SNDBUF before setsockopt (autotuned)");
            long expected = Eval(s, Arg(s, 3));
            if (expected != value)
                throw DrillStop.Fail(s.Line, $"expected SO_SNDBUF [{expected}], got [{value}] at "
                                             + Seconds.Of(_stack.Now.Nanoseconds / 1000));
            return Now(CallResult.Ok(0));
        }
        if ((level, name) != (SolSocket, 4))
            throw DrillStop.Unsupported(s.Line,
                $"getsockopt {s.Args[2]} (SO_ERROR, SO_SNDBUF, TCP_MAXSEG, TCP_USER_TIMEOUT; "
                + "tcpi_* fields in %{ }%)");
        long error = 0;
        if (sock.Conn is { Error: not TcpError.None, ErrorReported: false } c)
        {
            error = Errno.Number(Names.Errno(c.Error));
            c.ErrorReported = true;
        }
        long want = Eval(s, Arg(s, 3));
        if (want != error)
            throw DrillStop.Fail(s.Line, $"expected SO_ERROR [{want}], got [{error}] ({Errno.Name(error)}) at "
                                         + Seconds.Of(_stack.Now.Nanoseconds / 1000));
        return Now(CallResult.Ok(0));
    }

    private Func<CallResult?> Fcntl(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long cmd = Eval(s, Arg(s, 1));
        if (cmd == 3) return Now(CallResult.Ok(2 | (sock.NonBlocking ? 0x800 : 0)));     // F_GETFL: O_RDWR
        if (cmd != 4) throw DrillStop.Unsupported(s.Line, $"fcntl {s.Args[1]}");
        sock.NonBlocking = (Eval(s, Arg(s, 2)) & 0x800) != 0;
        return Now(CallResult.Ok(0));
    }

    private Func<CallResult?> Ioctl(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long request = Eval(s, Arg(s, 1));
        if (request != 0x541B) throw DrillStop.Unsupported(s.Line, $"ioctl {s.Args[1]} (only SIOCINQ)");
        if (sock.Listener is not null) return Now(CallResult.Fail("EINVAL"));
        long readable = sock.Conn?.Readable ?? 0;
        long want = Eval(s, Arg(s, 2));
        if (want != readable)
            throw DrillStop.Fail(s.Line, $"expected SIOCINQ [{want}], got [{readable}] at "
                                         + Seconds.Of(_stack.Now.Nanoseconds / 1000));
        return Now(CallResult.Ok(0));
    }
}
