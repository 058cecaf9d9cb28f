using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TcpSwarm.Tcp;

/// <summary>When each segment still in flight was first sent: the timestamps Linux keeps on its retransmission
/// queue.</summary>
/// <remarks>Sixteen entries, inline: an initial window of ten and a FIN fit. When full, the newest entry grows to
/// cover the next segment and keeps its older time, so a give-up can only come early by the span of one
/// flight.</remarks>
internal struct RetransmitQueue
{
    private const int Capacity = 16;
    private Entries _entries;
    private int _head, _count;

    /// <summary>A new segment ending at <paramref name="end"/> left at <paramref name="at"/>.</summary>
    public void Sent(SeqNum end, Instant at)
    {
        if (_count == Capacity)
        {
            ref var newest = ref _entries[(_head + _count - 1) % Capacity];
            newest = newest with { End = end };
            return;
        }
        _entries[(_head + _count) % Capacity] = new Entry(end, at);
        _count++;
    }

    /// <summary>Everything before <paramref name="una"/> is acknowledged.</summary>
    public void AckedTo(SeqNum una)
    {
        while (_count > 0 && _entries[_head].End <= una)
        {
            _head = (_head + 1) % Capacity;
            _count--;
        }
    }

    /// <summary>Segments in flight (Linux's packets_out), a full queue counting as its capacity.</summary>
    public readonly int Count => _count;

    /// <summary>When the oldest unacknowledged segment was first sent (retrans_stamp), or the fallback if none
    /// is.</summary>
    public readonly Instant OldestSentAt(Instant fallback) => _count > 0 ? _entries[_head].At : fallback;

    // Packed to twelve bytes: the queue is most of a Tcb, and a silo holds millions of Tcbs.
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Entry(SeqNum End, Instant At);

    [InlineArray(Capacity)]
    private struct Entries
    {
        private Entry _element;
    }
}
