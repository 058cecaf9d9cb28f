using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace TcpSwarm.Calibration.Kernel;

/// <summary>How long this kernel takes, right now, to run a timer that has expired and wake its task: the part of a
/// timer's lateness that depends on the machine's load rather than on the wheel's rounding.</summary>
/// <remarks>
/// A UDP socket on 127.0.0.1 that nobody writes to, read with SO_RCVTIMEO 50 ms on a thread of its own, over and
/// over while the experiments run: recv waits in schedule_timeout on a timer of the wheel's level 0 (13 jiffies at
/// HZ 250), which SO_RCVTIMEO's rounding up to a jiffy and the level's one-jiffy granularity can make at most two
/// jiffies late. Anything beyond that is the time the timer softirq (deferred to ksoftirqd on a busy machine) and the
/// scheduler took, and the wheel's own clock lagging jiffies (which can put a timer one level up); on an idle 6.18
/// machine at HZ 250 the median is below 0 and the 99th percentile a few jiffies. The 99th percentile of what the
/// probe saw so far is added, once per timer, to every timed row's tolerance: a robust figure of this machine's load
/// now, which a few outliers do not inflate. It also counts this thread's own wake-up, so it overstates the
/// kernel's part. What is ours alone is left out: recv is called directly (no exception per timeout), the first
/// probes (cold code) are not counted, nor is a probe during which the runtime paused its threads for a garbage
/// collection.
/// </remarks>
internal sealed class TimerLatencyProbe : IDisposable
{
    private const int EAgain = 11;
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(50);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Thread _thread;
    private readonly long _allowedNs;
    private volatile bool _stopping;
    private readonly List<long> _lateNs = [];

    public TimerLatencyProbe(int hz)
    {
        _allowedNs = (long)Wait.TotalMicroseconds * 1000 + 2 * 1_000_000_000L / hz;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = (int)Wait.TotalMilliseconds;
        _thread = new Thread(Probe) { IsBackground = true, Name = "timer latency probe" };
        _thread.Start();
    }

    /// <summary>The 99th percentile of the delays seen so far beyond what the wheel allows (0 before any).</summary>
    public TimeSpan Latency => Quantile(0.99);

    /// <summary>The largest delay seen so far, for the record.</summary>
    public TimeSpan MaxLatency => Quantile(1);

    public int Probes
    {
        get
        {
            lock (_lateNs) return _lateNs.Count;
        }
    }

    private TimeSpan Quantile(double q)
    {
        long[] sorted;
        lock (_lateNs) sorted = [.. _lateNs.Order()];
        if (sorted.Length == 0) return TimeSpan.Zero;
        long ns = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return TimeSpan.FromTicks(Math.Max(0, ns) / 100);
    }

    private void Probe()
    {
        const int WarmUp = 5;
        var buffer = new byte[16];
        var fd = _socket.SafeHandle.DangerousGetHandle();
        for (long n = 0; !_stopping; n++)
        {
            var paused = GC.GetTotalPauseDuration();
            long start = Clock.NowNs();
            if (Libc.Recv(fd, buffer, buffer.Length, 0) >= 0) continue;    // nobody writes here; a datagram is noise
            long late = Clock.NowNs() - start - _allowedNs;
            if (Marshal.GetLastPInvokeError() != EAgain) return;             // closed by Dispose
            if (n < WarmUp || GC.GetTotalPauseDuration() != paused) continue;
            lock (_lateNs) _lateNs.Add(late);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(1));
        _socket.Dispose();
    }
}
