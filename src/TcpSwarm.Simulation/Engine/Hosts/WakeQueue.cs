using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// Everything a host must wake for after the current window, in one queue: its endpoints' timers (a Tcb's or the
// application's), its compact entries' timers (a TIME_WAIT record's 2·MSL, a request entry's SYN-ACK timer), its
// client's next connect() and its servers' accept ticks. A partition's event takes 160 B, whole HostEvent and heap
// node, and ten million TIME_WAIT records would need ten million of them; an entry here takes 24 B (the local
// address and the source are the host's own, so an entry keeps the rest). The partition holds one wake-up per host,
// no later than the earliest entry. An entry keeps the instant and sequence number its event had, so the host
// handles it in exactly the order it would have had in the partition's queue.
//
// Endpoint timers are lazy, and this is the one place that drops stale ones. An endpoint re-arms its retransmission
// timer on nearly every segment and cancels it on nearly every ACK; queueing every deadline, and calling the
// endpoint when an old one came due, would cost a call for nothing most times. So the queue mirrors each slot's
// deadlines (what the endpoint reported, EndpointOutput.Timers) and keeps at most one live entry per slot and timer
// kind that comes due no later than the deadline: when it comes due, the endpoint is called only if its deadline is
// that instant, else the entry is queued again for the deadline. Endpoints see exactly the timers they set, at
// exactly their deadlines (and a Tcb ignores a wake-up for a timer it re-armed in the same call: Tcb.OnTimeout).
internal sealed class WakeQueue(uint address)
{
    private const int EndpointCode = 4, ConnectCode = 8, AcceptTickCode = 9;   // codes 0-3 are HostTimerKind
    private readonly PriorityQueue<QueuedWake, long> _queue = new();
    private readonly List<SlotTimers> _slots = [];
    private Instant _hostWake = Instant.Never;                   // the wake-up queued at the partition, if any

    /// <summary>Compact-entry timers queued (SYN_RCVD and TIME_WAIT timers).</summary>
    public int CompactTimers { get; private set; }

    /// <summary>What one entry takes in the queue, before the queue's spare room.</summary>
    public static int EntryBytes => Unsafe.SizeOf<(QueuedWake, long)>();

    /// <summary>Keeps an event of this host due at or after the current window's end.</summary>
    public void Queue(in HostEvent e)
    {
        var entry = e.Kind switch
        {
            HostEventKind.HostTimer => QueuedWake.Of(e.Timer, address, e.Seq),
            HostEventKind.EndpointTimer => new QueuedWake((ulong)e.Slot, e.Seq, EndpointCode + (int)e.EndpointTimer),
            HostEventKind.Connect => new QueuedWake(((ulong)(uint)e.Slot << 32) | (uint)e.Server, e.Seq, ConnectCode),
            HostEventKind.AcceptTick => new QueuedWake((uint)e.Server, e.Seq, AcceptTickCode),
            _ => throw new InvalidOperationException($"host {Ipv4.Format(address)}: {e.Kind} is not a wake-up"),
        };
        if (e.Kind == HostEventKind.HostTimer) CompactTimers++;
        _queue.Enqueue(entry, e.At.Nanoseconds);
    }

    /// <summary>The entries due before <paramref name="windowEnd"/> join the window's events, as the partition
    /// would have handed them over.</summary>
    public void TakeDue(Instant windowEnd, List<HostEvent> events)
    {
        while (_queue.TryPeek(out var w, out long at) && at < windowEnd.Nanoseconds)
        {
            _queue.Dequeue();
            if (w.Code < EndpointCode) CompactTimers--;
            events.Add(w.Event(address, new Instant(at)));
        }
    }

    /// <summary>After the window: makes sure the partition wakes this host for its earliest remaining entry.</summary>
    public void WakeHost(Instant windowEnd, HostWindow output)
    {
        if (_hostWake < windowEnd) _hostWake = Instant.Never;          // that wake-up was this window's
        if (!_queue.TryPeek(out _, out long at) || at >= _hostWake.Nanoseconds) return;
        _hostWake = new Instant(at);
        output.Wakeups.Add(new HostEvent(HostEventKind.WakeQueueDue, _hostWake, address, long.MaxValue));
    }

    /// <summary>An endpoint set (or, with Never, cancelled) one of its timers: the instant a new entry must be queued
    /// for, or Never when one comes due first anyway.</summary>
    public Instant Edited(int slot, EndpointTimerKind kind, Instant deadline)
    {
        ref var t = ref TimersOf(slot);
        int k = (int)kind;
        t.Deadline[k] = deadline;
        if (deadline == Instant.Never || t.Armed[k] <= deadline) return Instant.Never;
        t.Armed[k] = deadline;
        return deadline;
    }

    /// <summary>A slot's connection ended: it keeps no deadline; entries still queued come due and are dropped.
    /// </summary>
    public void Ended(int slot)
    {
        if (slot < _slots.Count) TimersOf(slot).Deadline = Kinds.Never;
    }

    /// <summary>An endpoint timer's entry came due: whether the endpoint's timer fires now. Else, when the deadline
    /// moved later, <paramref name="requeue"/> is the instant to queue a new entry for (Never for none).</summary>
    public bool Due(int slot, EndpointTimerKind kind, Instant at, out Instant requeue)
    {
        requeue = Instant.Never;
        if (slot >= _slots.Count) return false;
        ref var t = ref TimersOf(slot);
        int k = (int)kind;
        if (t.Armed[k] != at) return false;                          // a superseded entry
        t.Armed[k] = Instant.Never;
        var deadline = t.Deadline[k];
        if (deadline == at)
        {
            t.Deadline[k] = Instant.Never;                           // fired: the endpoint clears it too
            return true;
        }
        if (deadline != Instant.Never) requeue = Edited(slot, kind, deadline);
        return false;
    }

    private ref SlotTimers TimersOf(int slot)
    {
        while (_slots.Count <= slot) _slots.Add(SlotTimers.None);
        return ref CollectionsMarshal.AsSpan(_slots)[slot];
    }

    // A slot's timers as its endpoint last set them, and the earliest instant one of its entries is queued for.
    private struct SlotTimers
    {
        public Kinds Deadline, Armed;

        public static SlotTimers None => new() { Deadline = Kinds.Never, Armed = Kinds.Never };
    }

    [InlineArray(4)]
    private struct Kinds
    {
        private Instant _element;

        public static Kinds Never
        {
            get
            {
                var k = default(Kinds);
                ((Span<Instant>)k).Fill(Instant.Never);
                return k;
            }
        }
    }

    // One entry: a payload (a compact entry's 4-tuple less the local address, a slot, a connect's burst), and the
    // event's sequence number with a code in its four low bits (which kind of event, which timer).
    private readonly record struct QueuedWake(ulong Payload, long SeqAndCode)
    {
        public QueuedWake(ulong payload, long seq, int code) : this(payload, (seq << 4) | (long)code) { }

        public int Code => (int)(SeqAndCode & 15);
        private long Seq => SeqAndCode >> 4;

        public static QueuedWake Of(in HostTimer timer, uint local, long seq)
        {
            if (timer.Tuple.LocalAddr != local)                       // what lets an entry omit it
                throw new InvalidOperationException($"host {Ipv4.Format(local)}: a timer for another host's entry");
            var t = timer.Tuple;
            return new(((ulong)t.RemoteAddr << 32) | ((ulong)t.LocalPort << 16) | t.RemotePort, seq, (int)timer.Kind);
        }

        public HostEvent Event(uint local, Instant at) => Code switch
        {
            < EndpointCode => new HostEvent(HostEventKind.HostTimer, at, local, Seq, Timer: new HostTimer(
                (HostTimerKind)Code, new SocketPair(local, (ushort)(Payload >> 16), (uint)(Payload >> 32),
                    (ushort)Payload), TimerEdit.Set(at))),
            < ConnectCode => new HostEvent(HostEventKind.EndpointTimer, at, local, Seq, Slot: (int)Payload,
                EndpointTimer: (EndpointTimerKind)(Code - EndpointCode)),
            ConnectCode => new HostEvent(HostEventKind.Connect, at, local, Seq, Slot: (int)(Payload >> 32),
                Server: (int)(uint)Payload),
            _ => new HostEvent(HostEventKind.AcceptTick, at, local, Seq, Server: (int)Payload),
        };
    }
}
