namespace TcpSwarm.Tcp.Tests.Tcbs;

/// <summary>The numbers of the tests that build one Tcb by hand, without a wire: client 10.0.0.1:40000 (ISN 1000) to
/// server 10.0.1.10:80 (ISN 5000). Sequence numbers are written relative to each side's ISN, as on a
/// <see cref="Ladder"/>.</summary>
internal static class TcbFixture
{
    public static readonly SocketPair ClientTuple = new(Wire.ClientAddr, Ladder.ClientPort, Wire.ServerAddr,
        Wire.ServerPort);
    public const uint ClientIsn = 1000, ServerIsn = 5000;
    public const uint ClientTsOffset = 100_000;
    public const uint ServerTsOffset = 7_000_000;

    /// <summary>A client sequence number written relative to its ISN, as the model holds it.</summary>
    public static SeqNum ClientSeq(uint relative) => new(unchecked(ClientIsn + relative));

    /// <summary>A server sequence number written relative to its ISN, as the model holds it.</summary>
    public static SeqNum ServerSeq(uint relative) => new(unchecked(ServerIsn + relative));

    /// <summary>A segment the server's side would send (addresses filled in, no options): seq relative to the
    /// server's ISN, ack to the client's when the ACK bit is set (raw otherwise).</summary>
    public static Segment FromServer(TcpFlags flags, uint seq, uint ack = 0, ushort length = 0,
        ushort window = 65535) =>
        new(ClientTuple.RemoteAddr, ClientTuple.RemotePort, ClientTuple.LocalAddr, ClientTuple.LocalPort,
            ServerSeq(seq), (flags & TcpFlags.Ack) != 0 ? ClientSeq(ack) : new SeqNum(ack), flags, window, length);
}
