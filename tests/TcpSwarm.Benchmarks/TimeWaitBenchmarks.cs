using BenchmarkDotNet.Attributes;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>The TIME_WAIT table (inet_timewait_sock records) holding 100,000 records: look one up, enter one and
/// expire it, and take a retransmitted FIN (re-ACK, 2·MSL restarted).</summary>
/// <remarks>The baseline is the lookup the demultiplexer makes for every segment that is not a full socket's.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class TimeWaitBenchmarks
{
    private const uint Local = 0x0A00_0001, Peer = 0x0A01_0001;
    private const int Records = 100_000;
    private TimeWaitTable _table = null!;
    private SocketPair _present;
    private TimeWaitEntry _extra;
    private Segment _finAgain;
    private readonly Instant _now = Instant.FromSeconds(1);

    [GlobalSetup]
    public void Setup()
    {
        var profile = TcpProfile.Default with { TcpMaxTwBuckets = 2 * Records };
        _table = new TimeWaitTable(profile, new TcpExtCounters());
        for (int i = 0; i < Records; i++)
        {
            var entry = Entry(i);
            if (!_table.TryEnter(in entry, out _)) throw new InvalidOperationException("buckets full");
        }
        _present = Entry(Records / 2).Tuple;
        _extra = Entry(Records);
        _finAgain = new Segment(Peer, _present.RemotePort, Local, _present.LocalPort, new SeqNum(199), new SeqNum(100),
            TcpFlags.Fin | TcpFlags.Ack, 502, 0);
    }

    private TimeWaitEntry Entry(int i) => new(new SocketPair(Local + (uint)(i / 60_000), (ushort)(1024 + i % 60_000),
        Peer, 80), new SeqNum(100), new SeqNum(200), Timestamps: false, 0, _now, 0, _now);

    [Benchmark(Baseline = true, Description = "lookup (Contains)")]
    public bool Lookup() => _table.Contains(in _present);

    [Benchmark(Description = "enter + expire one record")]
    public bool EnterAndExpire()
    {
        _table.TryEnter(in _extra, out var deadline);
        return _table.Expire(_extra.Tuple, deadline);
    }

    [Benchmark(Description = "retransmitted FIN: re-ACK, 2·MSL restarted")]
    public TimeWaitVerdict FinAgain() => _table.Handle(in _finAgain, _now).Verdict;
}
