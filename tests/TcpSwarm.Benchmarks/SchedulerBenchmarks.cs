using BenchmarkDotNet.Attributes;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>The scheduler's event queue (HostPartition's <see cref="EventQueue"/>) in steady state: pop the earliest
/// event, push one due later, with <see cref="Pending"/> events waiting.</summary>
/// <remarks>The baseline is the same pop-and-push on a heap of bare 8-byte elements; between them, the heap the
/// queue replaced, which sifted whole (host, HostEvent) elements: the ratios are what the partition's element costs,
/// and what keeping it in a slab and sifting slot numbers saves.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class SchedulerBenchmarks
{
    private PriorityQueue<long, long> _bare = null!;
    private PriorityQueue<(uint Host, HostEvent Event), long> _wide = null!;
    private EventQueue _queue = null!;
    private long _step;

    /// <summary>Events waiting: a busy window's worth, and a million TIME_WAIT or SYN-ACK timers.</summary>
    [Params(10_000, 1_000_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bare = new PriorityQueue<long, long>(Pending);
        _wide = new PriorityQueue<(uint, HostEvent), long>(Pending);
        _queue = new EventQueue();
        var seg = new Segment(0x0A00_0001, 40_000, 0x0A01_0001, 80, new SeqNum(1), new SeqNum(1), TcpFlags.Ack, 502, 0);
        for (int i = 0; i < Pending; i++)
        {
            long at = Later(i);
            var e = new HostEvent(HostEventKind.Arrival, new Instant(at), 1, i, seg);
            uint host = 0x0A00_0001 + (uint)(i & 255);
            _bare.Enqueue(at, at);
            _wide.Enqueue((host, e), at);
            _queue.Enqueue(host, in e);
        }
    }

    // Spread over about a second of virtual time, not in order, as timers and arrivals are.
    private static long Later(long i) => (i * 2_654_435_761L) % 1_000_000_000L + i;

    [Benchmark(Baseline = true, Description = "pop + push, 8-byte element")]
    public long Bare()
    {
        var at = _bare.Dequeue();
        long next = at + Later(++_step) % 10_000_000;
        _bare.Enqueue(next, next);
        return next;
    }

    [Benchmark(Description = "pop + push, (host, HostEvent) sifted whole")]
    public long Wide()
    {
        var (host, e) = _wide.Dequeue();
        long next = e.At.Nanoseconds + Later(++_step) % 10_000_000;
        _wide.Enqueue((host, e with { At = new Instant(next) }), next);
        return next;
    }

    [Benchmark(Description = "pop + push, EventQueue (slab, slot heap)")]
    public long Queue()
    {
        _queue.TryDequeueBefore(Instant.Never, out uint host, out var e);
        long next = e.At.Nanoseconds + Later(++_step) % 10_000_000;
        _queue.Enqueue(host, e with { At = new Instant(next) });
        return next;
    }
}
