using BenchmarkDotNet.Attributes;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>The scheduler's event heap (HostPartition's PriorityQueue of (host, HostEvent) by instant) in steady
/// state: pop the earliest event, push one due later, with <see cref="Pending"/> events waiting.</summary>
/// <remarks>The baseline is the same pop-and-push on a heap of bare 8-byte elements: the ratio is what the
/// partition's element (a HostEvent carries a whole Segment and a HostTimer) costs the heap in copying.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class SchedulerBenchmarks
{
    private PriorityQueue<long, long> _bare = null!;
    private PriorityQueue<(uint Host, HostEvent Event), long> _events = null!;
    private long _step;

    /// <summary>Events waiting: a busy window's worth, and a million TIME_WAIT or SYN-ACK timers.</summary>
    [Params(10_000, 1_000_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bare = new PriorityQueue<long, long>(Pending);
        _events = new PriorityQueue<(uint, HostEvent), long>(Pending);
        var seg = new Segment(0x0A00_0001, 40_000, 0x0A01_0001, 80, new SeqNum(1), new SeqNum(1), TcpFlags.Ack, 502, 0);
        for (int i = 0; i < Pending; i++)
        {
            long at = Later(i);
            _bare.Enqueue(at, at);
            _events.Enqueue((0x0A00_0001 + (uint)(i & 255),
                new HostEvent(HostEventKind.Arrival, new Instant(at), 1, i, seg)), at);
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

    [Benchmark(Description = "pop + push, (host, HostEvent)")]
    public long Events()
    {
        var (host, e) = _events.Dequeue();
        long next = e.At.Nanoseconds + Later(++_step) % 10_000_000;
        _events.Enqueue((host, e with { At = new Instant(next) }), next);
        return next;
    }
}
