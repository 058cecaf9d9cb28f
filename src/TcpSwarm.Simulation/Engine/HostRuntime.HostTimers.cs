using System.Runtime.CompilerServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// The timers of compact entries (a TIME_WAIT record's 2·MSL, a request entry's SYN-ACK timer) wait in the host's own
// queue, not in its partition's: a partition's event takes 160 B, whole HostEvent and heap node, and ten million
// TIME_WAIT records would need ten million of them, where this queue keeps 24 B each (the local address is the host's
// own, so a timer keeps only the rest of its 4-tuple). The partition holds one wake-up per host, no later than the
// earliest of them. A timer keeps the instant and sequence number it would have had in the partition, so the host
// handles it in exactly the same order.
public sealed partial class HostRuntime
{
    private readonly PriorityQueue<QueuedHostTimer, long> _hostTimers = new();
    private Instant _hostTimersWake = Instant.Never;                 // the wake-up queued at the partition, if any

    // The 4-tuple less the local address, and the sequence number with the kind in its two low bits.
    private readonly record struct QueuedHostTimer(ulong Peer, long SeqAndKind)
    {
        public static QueuedHostTimer Of(in HostTimer timer, long seq) =>
            new(((ulong)timer.Tuple.RemoteAddr << 32) | ((ulong)timer.Tuple.LocalPort << 16) | timer.Tuple.RemotePort,
                (seq << 2) | (long)timer.Kind);

        public HostTimer Timer(uint local, Instant at) => new((HostTimerKind)(SeqAndKind & 3),
            new SocketPair(local, (ushort)(Peer >> 16), (uint)(Peer >> 32), (ushort)Peer), TimerEdit.Set(at));

        public long Seq => SeqAndKind >> 2;
    }

    /// <summary>Compact-entry timers queued beyond the current window (SYN_RCVD and TIME_WAIT timers).</summary>
    public int QueuedHostTimers => _hostTimers.Count;

    /// <summary>What one queued timer takes in that queue, before the queue's spare room.</summary>
    public static int QueuedHostTimerBytes => Unsafe.SizeOf<(QueuedHostTimer, long)>();

    private void QueueHostTimer(in HostEvent e)
    {
        if (e.Timer.Tuple.LocalAddr != Address)                      // what lets a queued timer omit it
            throw new InvalidOperationException($"host {Ipv4.Format(Address)}: a timer for another host's entry");
        _hostTimers.Enqueue(QueuedHostTimer.Of(e.Timer, e.Seq), e.At.Nanoseconds);
    }

    // The window's due timers join its events, as the partition would have handed them over.
    private void TakeDueHostTimers(Instant windowEnd)
    {
        while (_hostTimers.TryPeek(out var t, out long at) && at < windowEnd.Nanoseconds)
        {
            _hostTimers.Dequeue();
            var instant = new Instant(at);
            _pending.Add(new HostEvent(HostEventKind.HostTimer, instant, Address, t.Seq, Timer: t.Timer(Address, instant)));
        }
    }

    // After the window: make sure the partition wakes this host for its earliest remaining timer.
    private void WakeForHostTimers(Instant windowEnd, HostWindow output)
    {
        if (_hostTimersWake < windowEnd) _hostTimersWake = Instant.Never;      // that wake-up was this window's
        if (!_hostTimers.TryPeek(out _, out long at) || at >= _hostTimersWake.Nanoseconds) return;
        _hostTimersWake = new Instant(at);
        output.Wakeups.Add(new HostEvent(HostEventKind.HostTimersDue, _hostTimersWake, Address, long.MaxValue));
    }
}
