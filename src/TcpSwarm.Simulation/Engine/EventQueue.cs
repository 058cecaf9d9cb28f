using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A partition's pending events in time order: the events stay put in a slab, the heap moves slot numbers.
/// </summary>
/// <remarks>An event is about a hundred bytes and sifting moves log n of them per insert or pop; moving four-byte slot
/// numbers instead keeps the heap in cache. Events due at the same instant leave in no particular order: each host
/// sorts its window's events by (instant, source, sequence) itself, so this order never reaches a result.</remarks>
public sealed class EventQueue
{
    private readonly PriorityQueue<int, long> _heap = new();
    private (uint Host, HostEvent Event)[] _slab = new (uint, HostEvent)[1024];
    private readonly Stack<int> _free = new();
    private int _used;

    public int Count => _heap.Count;

    public void Enqueue(uint host, in HostEvent e)
    {
        if (!_free.TryPop(out int slot))
        {
            if (_used == _slab.Length) Array.Resize(ref _slab, _slab.Length * 2);
            slot = _used++;
        }
        _slab[slot] = (host, e);
        _heap.Enqueue(slot, e.At.Nanoseconds);
    }

    /// <summary>The earliest event's instant, if any.</summary>
    public bool TryPeek(out Instant at)
    {
        if (_heap.TryPeek(out _, out long ns))
        {
            at = new Instant(ns);
            return true;
        }
        at = Instant.Never;
        return false;
    }

    /// <summary>Takes the earliest event, if it is due before <paramref name="before"/>.</summary>
    public bool TryDequeueBefore(Instant before, out uint host, out HostEvent e)
    {
        if (!_heap.TryPeek(out int slot, out long ns) || ns >= before.Nanoseconds)
        {
            (host, e) = (0, default);
            return false;
        }
        _heap.Dequeue();
        (host, e) = _slab[slot];
        _slab[slot] = default;
        _free.Push(slot);
        return true;
    }
}
