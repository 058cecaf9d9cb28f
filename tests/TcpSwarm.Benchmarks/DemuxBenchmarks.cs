using BenchmarkDotNet.Attributes;
using TcpSwarm.Tcp;

namespace TcpSwarm.Benchmarks;

/// <summary>The host's demultiplexer (Host.Handle, as tcp_v4_rcv looks up): one arriving segment routed to each kind
/// of owner a host has, in a host that holds 20,000 full sockets and 10,000 TIME_WAIT records.</summary>
/// <remarks>The baseline is the cheapest route, a full socket (one lookup). TIME_WAIT takes a retransmitted FIN
/// (it is re-ACKed, never rate-limited, and 2·MSL restarts); the listener takes a SYN and answers with a syncookie
/// (tcp_syncookies=2, so nothing is kept and every call does the same work); nobody answers with a RST.</remarks>
[MemoryDiagnoser]
[QuickJob]
[MedianColumn]
public class DemuxBenchmarks
{
    private const uint Host = 0x0A00_0001, Peer = 0x0A01_0001, Stranger = 0xC612_0001;
    private const int Sockets = 10_000;
    private Host _host = null!;
    private Segment _toSocket, _toTimeWait, _toListener, _toNobody;
    private readonly Instant _now = Instant.FromSeconds(10);

    [GlobalSetup]
    public void Setup()
    {
        var profile = TcpProfile.Default with { TcpSyncookies = 2 };
        _host = new Host(Host, profile, seed: 1);
        _host.Listen(443, 4096);
        var open = default(ActiveOpen);
        for (int i = 0; i < 2 * Sockets; i++)
            if (!_host.TryConnect(Peer, 80, _now, out open)) throw new InvalidOperationException("ports ran out");
        var socket = open.Tuple;
        var tw = default(SocketPair);                             // any TIME_WAIT record will do: the last one entered
        for (int i = 0; i < Sockets; i++)
        {
            if (!_host.TryConnect(Peer, 81, _now, out var closing))
                throw new InvalidOperationException("ports ran out");
            var record = new TimeWaitEntry(closing.Tuple, new SeqNum(100), new SeqNum(200), false, 0, _now, 0, _now);
            if (_host.EnterTimeWait(in record, out _)) tw = closing.Tuple;
        }
        _toSocket = new Segment(Peer, 80, Host, socket.LocalPort, new SeqNum(1), new SeqNum(1), TcpFlags.Ack, 502, 0);
        _toTimeWait = new Segment(Peer, 81, Host, tw.LocalPort, new SeqNum(199), new SeqNum(100),
            TcpFlags.Fin | TcpFlags.Ack, 502, 0);
        _toListener = new Segment(Stranger, 50_000, Host, 443, new SeqNum(7), default, TcpFlags.Syn, 64_240, 0,
            TcpOptions.Mss, 1460);
        _toNobody = new Segment(Stranger, 50_001, Host, 444, new SeqNum(9), default, TcpFlags.Syn, 64_240, 0);
        if (_host.Handle(in _toSocket, _now).Route != HostRoute.ToSocket
            || _host.Handle(in _toTimeWait, _now).Route != HostRoute.TimeWait
            || _host.Handle(in _toListener, _now).Route != HostRoute.Listener
            || _host.Handle(in _toNobody, _now).Route != HostRoute.NoSocket)
            throw new InvalidOperationException("a segment did not reach the owner its benchmark names");
    }

    [Benchmark(Baseline = true, Description = "to a full socket")]
    public HostRoute ToSocket() => _host.Handle(in _toSocket, _now).Route;

    [Benchmark(Description = "to TIME_WAIT (retransmitted FIN, re-ACKed)")]
    public HostRoute ToTimeWait() => _host.Handle(in _toTimeWait, _now).Route;

    [Benchmark(Description = "to the listener (SYN, syncookie SYN-ACK)")]
    public HostRoute ToListener() => _host.Handle(in _toListener, _now).Route;

    [Benchmark(Description = "to nobody (closed port, RST)")]
    public HostRoute ToNobody() => _host.Handle(in _toNobody, _now).Route;
}
