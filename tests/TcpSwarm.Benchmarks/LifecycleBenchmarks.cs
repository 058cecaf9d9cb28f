using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using TcpSwarm.Tcp;
using TcpSwarm.TestSupport.Ladders;

namespace TcpSwarm.Benchmarks;

/// <summary>Whole connection lifecycles through two hosts: handshake, a request and response, teardown,
/// TIME_WAIT.</summary>
/// <remarks>
/// One operation runs <see cref="Lifecycles"/> lifecycles of a closed loop with <see cref="Concurrent"/> connections
/// at once on a warmed-up wire, so dictionaries and the event heap have reached their size and a steady-state event
/// allocates nothing; what is allocated is the two Tcbs per lifecycle. The baseline is the bare event loop: the same
/// number of events pushed through the same priority queue with no TCP at all. Events per operation are printed in
/// the "Events/op" column; events/s per core = Events/op ÷ Mean. TIME_WAIT is shortened to 1 s (the study key) so
/// that the client's records stay far below its 28,232 ports: with Linux's 60 s, 64 clients closing first exhaust the
/// ports within seconds, and the loop would measure failed connect() scans instead of lifecycles.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(EventsColumnConfig))]
public class LifecycleBenchmarks
{
    public const int Lifecycles = 2_000;
    private const int Concurrent = 64;
    private const int WarmUpLifecycles = 20_000;
    private Wire _wire = null!;
    private long _eventsPerOp;

    /// <summary>Events in one operation: deterministic (fixed seed), so the host process can count it too.</summary>
    public static readonly Lazy<long> EventsPerOp = new(() =>
    {
        var probe = NewWire();
        RunLifecycles(probe, WarmUpLifecycles);
        long before = probe.EventsHandled;
        RunLifecycles(probe, Lifecycles);
        return probe.EventsHandled - before;
    });

    [GlobalSetup]
    public void Setup()
    {
        _wire = NewWire();
        RunLifecycles(_wire, WarmUpLifecycles);        // warm up: tables, heap and TIME_WAIT reach steady state
        if (_wire.CompletedAttempts != _wire.AttemptsEnded)
            throw new InvalidOperationException(
                $"{_wire.AttemptsEnded - _wire.CompletedAttempts} of {_wire.AttemptsEnded} "
                + "lifecycles did not complete");
        _eventsPerOp = EventsPerOp.Value;
    }

    private static Wire NewWire()
    {
        var profile = TcpProfile.Default with { TimeWaitLength = TimeSpan.FromSeconds(1) };
        var wire = new Wire(profile, oneWayMs: 1, backlog: 4096)
        {
            Session = new Session(RequestBytes: 200, ResponseBytes: 4_000, Reconnect: true),
        };
        for (int i = 0; i < Concurrent; i++) wire.Connect(Instant.FromMilliseconds(i));
        return wire;
    }

    private static void RunLifecycles(Wire wire, long count)
    {
        long target = wire.AttemptsEnded + count;
        while (wire.AttemptsEnded < target) wire.RunUntil(wire.Now + TimeSpan.FromMilliseconds(10));
    }

    [Benchmark(Baseline = true, Description = "bare event loop (same events, no TCP)")]
    public long EventLoop()
    {
        var queue = new PriorityQueue<long, (long, long)>(Concurrent * 16);
        long at = 0, handled = 0;
        for (int i = 0; i < Concurrent * 8; i++) queue.Enqueue(i, (at + i, i));
        long seq = Concurrent * 8;
        while (handled < _eventsPerOp && queue.TryDequeue(out var e, out var key))
        {
            handled++;
            queue.Enqueue(e, (key.Item1 + 7, seq++));
        }
        return handled;
    }

    [Benchmark(Description = "handshake + request/response + teardown, two hosts")]
    public long Lifecycle()
    {
        RunLifecycles(_wire, Lifecycles);
        return _wire.EventsHandled;
    }

    private sealed class EventsColumnConfig : ManualConfig
    {
        public EventsColumnConfig() => AddColumn(new EventsColumn());
    }

    private sealed class EventsColumn : IColumn
    {
        public string Id => "EventsPerOp";
        public string ColumnName => "Events/op";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Events (arrivals, timers, user calls) handled per operation";
        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) =>
            EventsPerOp.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public string GetValue(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase,
            SummaryStyle style) =>
            GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkDotNet.Running.BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
