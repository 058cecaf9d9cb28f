using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>Every TCP segment one namespace receives on its way to a port, with the kernel's arrival stamp, read by a
/// raw socket on a thread of its own until disposed.</summary>
/// <remarks>
/// A raw IPPROTO_TCP socket gets a copy of each TCP packet delivered locally, after the namespace's input filter, so
/// what nftables drops on input it never sees. The stamp is the kernel's (SIOCGSTAMPNS after each read: when the
/// packet entered the stack), not the moment this process woke up, so a busy machine does not blur the offsets; the
/// first ioctl switches stamping on. Without it the wall clock at the read is used, and <see cref="KernelStamps"/>
/// says so.
/// </remarks>
internal sealed class RawCapture : IDisposable
{
    private readonly Socket _socket;
    private readonly Thread _reader;
    private readonly List<CapturedSegment> _segments = [];
    private readonly Lock _lock = new();
    private readonly int _port;
    private volatile bool _stopping;

    private RawCapture(Socket socket, int port)
    {
        _socket = socket;
        _port = port;
        _socket.ReceiveTimeout = 200;
        KernelStamps = Stamp(out _);                    // enables SOCK_TIMESTAMP; the first answer means nothing
        _reader = new Thread(Read) { IsBackground = true, Name = "raw capture" };
        _reader.Start();
    }

    /// <summary>Whether the stamps are the kernel's; false when SIOCGSTAMPNS failed and the wall clock stands in.
    /// </summary>
    public bool KernelStamps { get; }

    /// <summary>Starts hearing TCP segments to or from <paramref name="port"/> in the namespace.</summary>
    public static async Task<RawCapture> StartAsync(NetNamespace ns, int port) =>
        new(await ns.RawTcpSocketAsync().ConfigureAwait(false), port);

    /// <summary>What was heard so far, in arrival order.</summary>
    public IReadOnlyList<CapturedSegment> Segments
    {
        get
        {
            lock (_lock) return [.. _segments];
        }
    }

    private void Read()
    {
        var buffer = new byte[65_536];
        while (!_stopping)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;                                  // closed by Dispose
            }
            long at = KernelStamps && Stamp(out var ns) ? ns : Clock.NowNs();
            if (CapturedSegment.TryParse(buffer.AsSpan(0, n), at, out var seg)
                && (seg.DestinationPort == _port || seg.SourcePort == _port))
                lock (_lock) _segments.Add(seg);
        }
    }

    private bool Stamp(out long ns)
    {
        ns = 0;
        if (Libc.IoctlTimespec(_socket.SafeHandle.DangerousGetHandle(), Libc.SiocGStampNs, out var ts) != 0)
            return Marshal.GetLastPInvokeError() == 2;  // ENOENT before the first packet: stamping is on
        ns = ts.Seconds * 1_000_000_000 + ts.Nanoseconds;
        return true;
    }

    public void Dispose()
    {
        _stopping = true;
        _reader.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }
}
