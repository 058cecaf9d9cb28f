using BenchmarkDotNet.Attributes;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>One Tcb step in ESTABLISHED (RFC 9293 §3.10.7.4): a segment arrives and the Tcb says what to do.</summary>
/// <remarks>The baseline is the cheapest acceptable segment, a pure ACK that acknowledges nothing new; the other
/// benchmark is an in-order 1,000-byte data segment (RCV.NXT moves, an ACK is sent or delayed), read at once by the
/// application so the window stays open. Both allocate nothing.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class TcbStepBenchmarks
{
    private const uint Client = 0x0A00_0001, Server = 0x0A01_0001;
    private static readonly TcpProfile Profile = TcpProfile.Default;
    private Tcb _tcb = null!;
    private Instant _now;
    private uint _tsVal;

    [GlobalSetup]
    public void Setup()
    {
        var tuple = new SocketPair(Server, 80, Client, 40_000);
        var accepted = new AcceptedConnection(tuple, new SeqNum(5000), new SeqNum(1000), 1460, 7, true, true, 1, 0,
            Instant.Zero, false, false, 502);
        _now = Instant.FromMilliseconds(10);
        _tcb = Tcb.Accept(in accepted, Profile, _now);
        _tsVal = 10;
    }

    [Benchmark(Baseline = true, Description = "pure ACK, nothing new")]
    public int PureAck()
    {
        var ack = Arriving(0);
        return _tcb.Handle(in ack, _now).Sends.Length;
    }

    [Benchmark(Description = "in-order 1,000 B data segment")]
    public int Data()
    {
        _now += TimeSpan.FromMilliseconds(1);
        var data = Arriving(1000);
        var step = _tcb.Handle(in data, _now);
        _tcb.Read();
        return step.Sends.Length;
    }

    // From the client: SEQ = RCV.NXT, ACK = SND.NXT, with a timestamp that moves on, as a live peer's does.
    private Segment Arriving(ushort length) => new(Client, 40_000, Server, 80, _tcb.RcvNxt, _tcb.SndNxt,
        length > 0 ? TcpFlags.Ack | TcpFlags.Psh : TcpFlags.Ack, 502, length, TcpOptions.Timestamps,
        TsVal: ++_tsVal, TsEcr: 0);
}
