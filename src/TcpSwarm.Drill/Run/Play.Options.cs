using TcpSwarm.Drill.Syntax;
using TcpSwarm.Tcp;

namespace TcpSwarm.Drill.Run;

internal sealed partial class Play
{
    private const long SolSocket = 1, SolTcp = 6;

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
            default:
                throw DrillStop.Unsupported(s.Line, $"setsockopt {optName}");
        }
    }

    private Func<CallResult?> GetOption(SyscallLine s)
    {
        if (Fd(s) is not { } sock) return Now(CallResult.Fail("EBADF"));
        long level = Eval(s, Arg(s, 1)), name = Eval(s, Arg(s, 2));
        if ((level, name) != (SolSocket, 4))
            throw DrillStop.Unsupported(s.Line, $"getsockopt {s.Args[2]} (only SO_ERROR; tcpi_* fields in %{{ }}%)");
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
