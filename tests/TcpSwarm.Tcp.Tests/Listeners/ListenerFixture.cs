namespace TcpSwarm.Tcp.Tests.Listeners;

/// <summary>The segments of the listener tests: client 10.0.0.1:40000 (ISN 1000) to server 10.0.1.10:80.</summary>
/// <remarks>Sequence numbers are written as on a <see cref="Ladder"/>: relative to the ISN of the side they belong
/// to, the client's <see cref="ClientIsn"/> and the server's ISS for that request (the seq of its SYN-ACK, passed as
/// <c>iss</c>). A number of a side that has no ISN yet (a listener that never answered that client) is raw, and an
/// acknowledgment number is relative only when the ACK bit is set.</remarks>
internal static class ListenerFixture
{
    public static readonly uint Client = Ipv4.Parse("10.0.0.1");
    public static readonly uint Server = Ipv4.Parse("10.0.1.10");
    public const ushort ClientPort = 40000;
    public const ushort ServerPort = 80;
    public const uint ClientIsn = 1000;
    public const ulong Secret = 0x5EED_0F_7E57;
    public const uint TsOffset = Wire.DefaultTsOffset;
    public const TcpOptions AllOptions =
        TcpOptions.Mss | TcpOptions.WindowScale | TcpOptions.SackPermitted | TcpOptions.Timestamps;

    /// <summary>The server's view of the connection from the given client port.</summary>
    public static SocketPair Tuple(ushort clientPort = ClientPort) => new(Server, ServerPort, Client, clientPort);

    public static Listener Listen(TcpProfile profile, int backlog = 128) =>
        new(Server, ServerPort, backlog, profile, Secret);

    /// <summary>A wire whose server listens with this backlog, for a test that drives the listener directly
    /// (<see cref="Wire.ToListener"/>) as its only peer.</summary>
    public static Wire Listening(TcpProfile profile, int backlog = 128) => new(profile, backlog: backlog);

    public static TcpProfile Profile(string name = "linux-6.18", params (string Sysctl, string Value)[] sets)
    {
        var profile = TcpProfile.Named(name);
        foreach (var (sysctl, value) in sets)
            Assert.True(Sysctls.TrySet(profile, sysctl, value, out profile, out var error), error);
        return profile;
    }

    /// <summary>A client sequence number written relative to its ISN, as the model holds it.</summary>
    public static SeqNum ClientSeq(uint relative) => new(unchecked(ClientIsn + relative));

    /// <summary>A SYN as Linux sends it: MSS 1460, window scale 7, SACK permitted, timestamps; seq relative to the
    /// client's ISN.</summary>
    public static Segment Syn(uint seq = 0, ushort port = ClientPort, ushort mss = 1460,
        TcpOptions options = AllOptions, uint tsVal = 500, TcpFlags flags = TcpFlags.Syn) =>
        new(Client, port, Server, ServerPort, ClientSeq(seq), default, flags, 64240, 0, options,
            (options & TcpOptions.Mss) != 0 ? mss : (ushort)0,
            (options & TcpOptions.WindowScale) != 0 ? (byte)7 : (byte)0,
            (options & TcpOptions.Timestamps) != 0 ? tsVal : 0);

    /// <summary>An ACK (or any segment with an ACK number) from the client; timestamps when tsVal is given. Its seq is
    /// relative to the client's ISN; its ack to the server's ISS <paramref name="iss"/> when the ACK bit is set and
    /// the server has one for it, raw otherwise.</summary>
    public static Segment Ack(uint seq, uint ack, SeqNum? iss = null, ushort port = ClientPort, ushort len = 0,
        TcpFlags flags = TcpFlags.Ack, uint? tsVal = null, uint tsEcr = 0, ushort window = 502) =>
        new(Client, port, Server, ServerPort, ClientSeq(seq),
            (flags & TcpFlags.Ack) != 0 && iss is { } i ? i + ack : new SeqNum(ack), flags, window, len,
            tsVal is null ? TcpOptions.None : TcpOptions.Timestamps, TsVal: tsVal ?? 0,
            TsEcr: tsVal is null ? 0 : tsEcr);

    /// <summary>A segment the listener sent, as a rung writes it: seq relative to the server's ISS
    /// <paramref name="iss"/> (raw without one), ack relative to the client's ISN.</summary>
    public static string Text(in Segment seg, SeqNum? iss = null) =>
        Rungs.Relative(in seg, Dir.S2C, ClientIsn, iss?.Value ?? 0);

    public static Instant Ms(long ms) => Instant.FromMilliseconds(ms);

    public static Instant S(double seconds) => Instant.FromSeconds(seconds);
}
