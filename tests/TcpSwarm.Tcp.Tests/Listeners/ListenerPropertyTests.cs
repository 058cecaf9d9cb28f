using CsCheck;
using static TcpSwarm.Tcp.Tests.Listeners.ListenerFixture;

namespace TcpSwarm.Tcp.Tests.Listeners;

public sealed class ListenerPropertyTests
{
    // A listener's settings: syncookies, backlog, profile, tcp_abort_on_overflow, tcp_max_syn_backlog, synack retries.
    private static readonly Gen<(int Cookies, int Backlog, int Profile, bool Abort, int MaxSyn, int Retries)> Setup =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 6], Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 24], Gen.Int[0, 5]);

    // One event: 96 random bits that Run decodes into a segment, a timer, an accept() or a jump in time.
    private static readonly Gen<(uint A, uint B, uint C)[]> Events =
        Gen.Select(Gen.UInt, Gen.UInt, Gen.UInt).Array[100, 400];

    [Fact]
    public void Random_segments_and_timers_never_break_the_queue_limits_or_the_books()
    {
        long events = 0;
        Gen.Select(Setup, Events).Sample((setup, ops) =>
        {
            Run(setup, ops);
            Interlocked.Add(ref events, ops.Length);
        }, iter: 1500, threads: 1);
        Assert.True(events >= 150_000, $"only {events} events");
    }

    private static void Run((int Cookies, int Backlog, int Profile, bool Abort, int MaxSyn, int Retries) setup,
        (uint A, uint B, uint C)[] ops)
    {
        var profile = Profile(TcpProfile.Names[setup.Profile], ("net.ipv4.tcp_syncookies", $"{setup.Cookies}"),
            ("net.ipv4.tcp_abort_on_overflow", setup.Abort ? "1" : "0"),
            ("net.ipv4.tcp_max_syn_backlog", $"{setup.MaxSyn}"), ("net.ipv4.tcp_synack_retries", $"{setup.Retries}"));
        var d = Listening(profile, setup.Backlog);
        var peers = new Peer[4];
        var check = new Invariants(d.Listener, profile);
        d.OnListenerStep = check.Step;
        foreach (var (a, b, c) in ops)
        {
            int kind = (int)(a & 0xF), client = (int)((a >> 4) & 3);
            var tuple = Tuple((ushort)(ClientPort + client));
            switch (kind)
            {
                case 8 or 9 or 10:                       // the next request timer, whenever it is due
                    var next = d.RequestTimers.Values.Select(t => t.Deadline).DefaultIfEmpty(d.Now).Min();
                    d.RunUntil(next);
                    break;
                case 11:
                    if (d.Listener.TryAccept(out _)) check.Accepted();
                    break;
                case 12:                                 // a stale call: every due timer has fired already
                    Assert.Equal(ListenerOutcome.None, ModelTimers.Fire(d.Listener, tuple, d.Now).Outcome);
                    break;
                case 13:                                 // a long silence: expiries, cookie counters move on
                    d.RunUntil(d.Now + TimeSpan.FromMilliseconds(b % 130_000));
                    break;
                default:
                    var seg = Segment(kind, a, b, c, client, ref peers[client]);
                    var twIsn = ((a >> 14) & 31) == 0 ? new SeqNum(c) : (SeqNum?)null;
                    d.RunUntil(d.Now + TimeSpan.FromMilliseconds(b % 400));   // due timers first, then the segment
                    check.Next(twIsn is not null, peerProven: ((a >> 19) & 1) != 0);
                    var step = d.ToListener(seg, d.Now, check.PeerProven, twIsn);
                    Learn(in step, ref peers[client]);
                    break;
            }
        }
    }

    // What the client knows: its ISN, and the ISN and TSval of the last SYN-ACK it got.
    private record struct Peer(uint Isn, uint ServerIss, uint ServerTsVal);

    private static Segment Segment(int kind, uint a, uint b, uint c, int client, ref Peer peer)
    {
        var flags = kind switch
        {
            0 or 1 => TcpFlags.Syn,
            2 or 3 => TcpFlags.Ack,
            4 => TcpFlags.Psh | TcpFlags.Ack,
            5 => (b & 1) == 0 ? TcpFlags.Rst : TcpFlags.Rst | TcpFlags.Ack,
            6 => TcpFlags.Fin | TcpFlags.Ack,
            _ => (TcpFlags)(b >> 27),                    // garbage: any of the five bits
        };
        if (flags == TcpFlags.Syn && ((a >> 6) & 7) == 7) peer.Isn = c;   // a new incarnation's ISN
        uint seq = ((a >> 6) & 7) switch
        {
            0 or 1 or 2 => flags == TcpFlags.Syn ? peer.Isn : peer.Isn + 1,
            3 => peer.Isn,
            4 => peer.Isn + 1 + c % 70_000,
            5 => c,
            6 => peer.Isn + 2,
            _ => peer.Isn,
        };
        uint ack = ((a >> 9) & 7) switch
        {
            0 or 1 or 2 or 3 => peer.ServerIss + 1,
            4 => peer.ServerIss,
            5 => c * 2654435761,
            6 => peer.ServerIss + 2,
            _ => 0,
        };
        var options = (TcpOptions)((a >> 20) & 0xF);
        uint tsVal = ((a >> 12) & 3) == 3 ? c : 500 + (b & 0xFF);
        uint tsEcr = ((a >> 24) & 1) == 0 ? peer.ServerTsVal : b;
        return new Segment(Client, (ushort)(ClientPort + client), Server, ServerPort, new SeqNum(seq),
            new SeqNum(ack), flags, (ushort)b, kind == 4 ? (ushort)100 : (ushort)0, options,
            (ushort)(500 + c % 1100), (byte)(c % 16), tsVal, tsEcr);
    }

    private static void Learn(in ListenerStep step, ref Peer peer)
    {
        foreach (var sent in step.Sends)
            if (sent.Has(TcpFlags.Syn)) peer = peer with { ServerIss = sent.Seq.Value, ServerTsVal = sent.TsVal };
    }

    // What must hold after every step, and the counts it needs from the step before.
    private sealed class Invariants(Listener listener, TcpProfile profile)
    {
        private int _synQueue, _acceptQueue;
        private bool _twSyn;

        public bool PeerProven { get; private set; }

        public void Next(bool twSyn, bool peerProven) => (_twSyn, PeerProven) = (twSyn, peerProven);

        public void Accepted() => _acceptQueue--;

        public void Step(ListenerStep step, Instant now)
        {
            var books = listener.Books;
            Assert.True(books.Balanced, books.ToString());
            Assert.Equal(listener.SynQueueLength, books.Pending);
            Assert.InRange(listener.SynQueueYoung, 0, listener.SynQueueLength);
            Assert.InRange(listener.AcceptQueueLength, 0, listener.AcceptQueueLimit);
            Assert.InRange(listener.SynQueueLength, 0, _synQueue + 1);
            if (listener.SynQueueLength > listener.SynQueueLimit)
                Assert.True((_twSyn && step.Outcome == ListenerOutcome.RequestQueued)
                    || listener.SynQueueLength <= _synQueue, "only a SYN through TIME_WAIT passes the SYN queue limit");
            if (step.Outcome == ListenerOutcome.RequestQueued && !_twSyn && !PeerProven && profile.TcpSyncookies == 0)
                Assert.True(profile.TcpMaxSynBacklog - _synQueue >= profile.TcpMaxSynBacklog >> 2, "the quarter rule");
            Assert.InRange(step.Sends.Length, 0, 1);
            foreach (var sent in step.Sends)
                Assert.Equal((Server, ServerPort, Client), (sent.SrcAddr, sent.SrcPort, sent.DstAddr));
            if (step.RequestTimer.Action == TimerAction.Set)
                Assert.True(step.RequestTimer.Deadline > now && listener.HasRequest(step.Request));
            if (step.RequestTimer.Action == TimerAction.Cancel) Assert.False(listener.HasRequest(step.Request));
            if (step.Outcome == ListenerOutcome.Admitted)
                Assert.Equal(_acceptQueue + 1, listener.AcceptQueueLength);
            else
                Assert.Equal(_acceptQueue, listener.AcceptQueueLength);
            var c = listener.Counters;
            Assert.True(c[TcpExt.ListenDrops] >= c[TcpExt.ListenOverflows]);
            Assert.Equal(books.CookiesSent, c[TcpExt.SyncookiesSent]);
            Assert.Equal(books.Reset, c[TcpExt.EmbryonicRsts]);
            Assert.True(c[TcpExt.SyncookiesRecv] >= books.CookiesAdmitted);
            (_synQueue, _acceptQueue, _twSyn) = (listener.SynQueueLength, listener.AcceptQueueLength, false);
        }
    }
}
