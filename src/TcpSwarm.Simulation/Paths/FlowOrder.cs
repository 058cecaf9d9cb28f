using System.Runtime.InteropServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Paths;

/// <summary>One sender's latest arrival per direction of a 4-tuple still in flight, so that jitter delays a flow's
/// segments without letting one overtake the segment sent before it, as a real path's queues do.</summary>
/// <remarks>
/// <para>Only flows with a segment still in flight are held: an entry whose arrival is not after the earliest
/// instant the sender can still send at can never delay anything (every later segment arrives at least a latency
/// floor after it is sent), so <see cref="Forget"/> drops it. Memory follows the segments in flight, not the
/// connections, and a flow's entry goes with its last segment.</para>
/// <para>Results do not depend on when entries are forgotten (a forgotten entry could not have clamped anything), and
/// the sender calls <see cref="Keep"/> in its own deterministic send order, so the arrivals are the same however hosts
/// are spread over partitions and silos.</para>
/// </remarks>
public sealed class FlowOrder
{
    private const int MinSweep = 1024;
    private readonly Dictionary<FlowKey, long> _lastArrivalNs = [];
    private int _sweepAt = MinSweep;

    /// <summary>How many flows are held now (in flight at the last sweep or since).</summary>
    public int Count => _lastArrivalNs.Count;

    /// <summary>The arrival of <paramref name="seg"/>: <paramref name="drawn"/>, or the arrival of the segment sent
    /// before it in the same direction of the same 4-tuple when that is later; remembered for the next one.</summary>
    public Instant Keep(in Segment seg, Instant drawn)
    {
        ref long last =
            ref CollectionsMarshal.GetValueRefOrAddDefault(_lastArrivalNs, FlowKey.Of(in seg), out bool had);
        if (had && last > drawn.Nanoseconds) return new Instant(last);
        last = drawn.Nanoseconds;
        return drawn;
    }

    /// <summary>The sender will send nothing before <paramref name="earliestSend"/>: flows whose last arrival is not
    /// after it are forgotten, in a sweep only when the table has doubled since the last one (amortised O(1)).
    /// </summary>
    public void Forget(Instant earliestSend)
    {
        if (_lastArrivalNs.Count < _sweepAt) return;
        long now = earliestSend.Nanoseconds;
        foreach (var (key, last) in _lastArrivalNs)
            if (last <= now) _lastArrivalNs.Remove(key);               // removal while enumerating is allowed
        _sweepAt = Math.Max(MinSweep, 2 * _lastArrivalNs.Count);
    }

    private readonly record struct FlowKey(ulong Source, ulong Destination)
    {
        public static FlowKey Of(in Segment seg) =>
            new(((ulong)seg.SrcAddr << 16) | seg.SrcPort, ((ulong)seg.DstAddr << 16) | seg.DstPort);
    }
}
