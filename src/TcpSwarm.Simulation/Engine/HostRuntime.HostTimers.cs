using System.Runtime.CompilerServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// The timers of compact entries (a TIME_WAIT record's 2·MSL, a request entry's SYN-ACK timer) wait in the host's own
// queue, not in its partition's: a partition's slot holds a whole HostEvent (160 B) and ten million TIME_WAIT records
// would need ten million of them, where this queue keeps 24 bytes and an 8-byte instant each. The partition holds one
// wake-up per host, no later than the earliest of them. A timer keeps the instant and sequence number it would have
// had in the partition, so the host handles it in exactly the same order.
public sealed partial class HostRuntime
{
    private readonly PriorityQueue<QueuedHostTimer, long> _hostTimers = new();
    private Instant _hostTimersWake = Instant.Never;                 // the wake-up queued at the partition, if any

    private readonly record struct QueuedHostTimer(SocketPair Tuple, HostTimerKind Kind, long Seq);

    /// <summary>Compact-entry timers queued beyond the current window (SYN_RCVD and TIME_WAIT timers).</summary>
    public int QueuedHostTimers => _hostTimers.Count;

    /// <summary>What one queued timer takes in that queue, before the queue's spare room.</summary>
    public static int QueuedHostTimerBytes => Unsafe.SizeOf<(QueuedHostTimer, long)>();

    private void QueueHostTimer(in HostEvent e) =>
        _hostTimers.Enqueue(new QueuedHostTimer(e.Timer.Tuple, e.Timer.Kind, e.Seq), e.At.Nanoseconds);

    // The window's due timers join its events, as the partition would have handed them over.
    private void TakeDueHostTimers(Instant windowEnd)
    {
        while (_hostTimers.TryPeek(out var t, out long at) && at < windowEnd.Nanoseconds)
        {
            _hostTimers.Dequeue();
            var instant = new Instant(at);
            _pending.Add(new HostEvent(HostEventKind.HostTimer, instant, Address, t.Seq,
                Timer: new HostTimer(t.Kind, t.Tuple, TimerEdit.Set(instant))));
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
