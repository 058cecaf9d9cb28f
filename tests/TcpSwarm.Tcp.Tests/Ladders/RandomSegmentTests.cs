using CsCheck;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>Garbage and near-miss segments, in their millions, against hosts holding sockets in every state.</summary>
public sealed class RandomSegmentTests
{
    private static readonly TcpFlags[] FlagMenu =
    [
        TcpFlags.Syn, TcpFlags.Syn | TcpFlags.Ack, TcpFlags.Ack, TcpFlags.Ack | TcpFlags.Psh,
        TcpFlags.Fin | TcpFlags.Ack,
        TcpFlags.Rst, TcpFlags.Rst | TcpFlags.Ack, TcpFlags.Syn | TcpFlags.Fin, TcpFlags.Syn | TcpFlags.Rst,
        TcpFlags.None, TcpFlags.Fin, (TcpFlags)0x1F,
    ];

    private sealed record Garbage(int AtStepMs, bool ToServer, int Target, int Flags, int SeqNear, uint SeqFar,
        int AckNear, bool Far, ushort Length, bool Timestamps, uint TsVal);

    private static readonly Gen<Garbage> OneGarbage =
        Gen.Select(Gen.Int[0, 30], Gen.Bool, Gen.Int[0, 63], Gen.Int[0, FlagMenu.Length - 1], Gen.Int[-3, 3000],
                Gen.UInt, Gen.Int[-3, 3], Gen.Bool)
            .Select(Gen.UShort[0, 2000], Gen.Bool, Gen.UInt,
                (t, len, ts, tsval) => new Garbage(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7,
                    t.Item8, len, ts, tsval));

    [Theory]
    [InlineData("linux-6.18", 1)]
    [InlineData("linux-6.1", 0)]
    [InlineData("rfc1122", 2)]
    public void Hundreds_of_thousands_of_random_segments_throw_nothing_and_leave_every_table_and_queue_legal(
        string profile, int cookies)
    {
        long total = 0;
        OneGarbage.Array[2_000, 4_000].Sample(batch =>
        {
            var p = TcpProfile.Named(profile) with { TcpSyncookies = cookies };
            var wire = new Wire(p, oneWayMs: 5, backlog: 8)
            {
                Session = new Session(RequestBytes: 3000, ResponseBytes: 20_000, Reconnect: true, MaxConnects: 400),
            };
            for (int i = 0; i < 24; i++) wire.Connect(Instant.FromMilliseconds(i * 7));
            foreach (var g in batch)
            {
                wire.RunUntil(wire.Now + TimeSpan.FromMilliseconds(g.AtStepMs));
                var seg = Forge(wire, g);
                wire.Inject(in seg, g.ToServer ? Dir.C2S : Dir.S2C);
                total++;
            }
            wire.RunUntil(wire.Now + TimeSpan.FromSeconds(200));
            var books = wire.Listener.Books;
            return wire.CheckTables() is null
                   && wire.Listener.SynQueueLength <= wire.Listener.SynQueueLimit
                   && wire.Listener.AcceptQueueLength <= wire.Listener.AcceptQueueLimit
                   && books.Balanced
                   && books.Pending == wire.Listener.SynQueueLength;
        }, iter: 150, threads: 1);
        Assert.True(total >= 300_000, $"only {total} segments were fed");
    }

    // A segment aimed near a live socket's numbers (or anywhere), from one of its ends or a stranger.
    private static Segment Forge(Wire wire, Garbage g)
    {
        int toSide = g.ToServer ? 1 : 0;
        var live = wire.SocketsOn(toSide);
        var target = live.Count > 0 && g.Target < 48
            ? live.ElementAt(g.Target % live.Count)
            : g.ToServer
                ? new SocketPair(Wire.ServerAddr, (ushort)(g.Target % 2 == 0 ? Wire.ServerPort : 81), Wire.ClientAddr,
                    (ushort)(40000 + g.Target))
                : new SocketPair(Wire.ClientAddr, (ushort)(32768 + g.Target * 441), Wire.ServerAddr, Wire.ServerPort);
        var tcb = wire.TcbOf(toSide, in target);
        var seq = g.Far || tcb is null ? new SeqNum(g.SeqFar) : tcb.RcvNxt + g.SeqNear;
        var ack = g.Far || tcb is null ? new SeqNum(g.SeqFar ^ 0x5555_5555) : tcb.SndNxt + g.AckNear;
        var flags = FlagMenu[g.Flags];
        ushort len = (flags & TcpFlags.Syn) != 0 && g.Length > 1460 ? (ushort)0 : g.Length;
        return new Segment(target.RemoteAddr, target.RemotePort, target.LocalAddr, target.LocalPort, seq, ack, flags,
            (ushort)(g.SeqNear & 0xFFFF), len, g.Timestamps ? TcpOptions.Timestamps | TcpOptions.Mss : TcpOptions.None,
            Mss: 536, TsVal: g.TsVal, TsEcr: g.TsVal >> 1);
    }
}
