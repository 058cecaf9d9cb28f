using System.Runtime.CompilerServices;

namespace TcpSwarm.Tcp;

/// <summary>Received sequence ranges beyond RCV.NXT (Linux's out_of_order_queue), merged, at most four holes'
/// worth.</summary>
/// <remarks>Bytes are counts, so a range is all that is kept. Linux bounds the queue by the receive buffer; here a
/// segment that would need a fifth range is dropped, as tcp_prune_ofo_queue would drop it under memory
/// pressure.</remarks>
internal struct OutOfOrderQueue
{
    private const int Capacity = 4;
    private Ranges _ranges;                              // sorted by start, disjoint and not adjacent
    private int _count;

    public readonly bool IsEmpty => _count == 0;

    /// <summary>Keep [start, end), with a FIN after it if <paramref name="fin"/>; false if there is no room.</summary>
    public bool Add(SeqNum start, SeqNum end, bool fin)
    {
        int i = 0;
        while (i < _count && _ranges[i].End < start) i++;          // first range that touches or follows
        int j = i;
        while (j < _count && _ranges[j].Start <= end) j++;         // ranges [i, j) touch the new one
        if (i == j)
        {
            if (_count == Capacity) return false;
            for (int k = _count; k > i; k--) _ranges[k] = _ranges[k - 1];
            _ranges[i] = new Range(start, end, fin);
            _count++;
            return true;
        }
        var merged = new Range(
            _ranges[i].Start < start ? _ranges[i].Start : start,
            _ranges[j - 1].End > end ? _ranges[j - 1].End : end,
            fin || _ranges[j - 1].Fin);
        _ranges[i] = merged;
        int removed = j - i - 1;
        for (int k = i + 1; k + removed < _count; k++) _ranges[k] = _ranges[k + removed];
        _count -= removed;
        return true;
    }

    /// <summary>The first range if it now starts at or before <paramref name="rcvNxt"/> (tcp_ofo_queue):
    /// removed.</summary>
    public bool TryTake(SeqNum rcvNxt, out SeqNum end, out bool fin)
    {
        (end, fin) = (default, false);
        if (_count == 0 || _ranges[0].Start > rcvNxt) return false;
        (end, fin) = (_ranges[0].End, _ranges[0].Fin);
        for (int k = 1; k < _count; k++) _ranges[k - 1] = _ranges[k];
        _count--;
        return true;
    }

    /// <summary>tcp_fin purges the queue: nothing after the FIN is kept.</summary>
    public void Clear() => _count = 0;

    private readonly record struct Range(SeqNum Start, SeqNum End, bool Fin);

    [InlineArray(Capacity)]
    private struct Ranges
    {
        private Range _element;
    }
}
