using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>RFC 9293 §3.5 through two hosts: the client's Tcb, the server's listener and its request entries.</summary>
public sealed class HandshakeLadderTests
{
    private static readonly TcpProfile Linux = TcpProfile.Named("linux-6.18");

    [Fact]
    public void The_three_way_handshake_takes_three_segments_and_one_round_trip_and_a_half()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            //        ms   dir  segment             client after  server after
            Arrives(  10, C2S, Syn(0),             SynSent,      SynReceived),
            Arrives(  20, S2C, SynAck(0, 1),       Established,  SynReceived),
            Arrives(  30, C2S, Ack(1, 1),          Established,  Established),
        ];
        Assert.Equal(expected, ladder.Rungs);
        Assert.True(ladder.Conn().Connected);
        Assert.Equal(0, ladder.Wire.Listener.SynQueueLength);
    }

    [Fact]
    public void Lost_third_ack_is_repaired_by_the_clients_ack_of_the_first_synack_retransmission()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.LoseNext(C2S, TcpFlags.Ack);
        ladder.Open(atMs: 0);
        ladder.RunUntil(5_000);

        Rung[] expected =
        [
            Arrives(  10, C2S, Syn(0),             SynSent,      SynReceived),
            Arrives(  20, S2C, SynAck(0, 1),       Established,  SynReceived),
            Lost(     20, C2S, Ack(1, 1),          Established,  SynReceived),
            Arrives(1020, S2C, SynAck(0, 1),       Established,  SynReceived),   // 1 s after the first
            Arrives(1030, C2S, Ack(1, 1),          Established,  Established),   // the client's challenge ACK
        ];
        Assert.Equal(expected, ladder.Rungs);
    }

    public static TheoryData<string, long[], long> SynAckSchedules => new()
    {
        // profile, SYN-ACK retransmissions after the first, request dropped after the first
        { "linux-6.18", [1_000, 3_000, 7_000, 15_000, 31_000], 63_000 },
        { "linux-6.1", [1_000, 3_000, 7_000, 15_000, 31_000], 63_000 },
        { "rfc1122", [3_000, 9_000, 21_000, 45_000, 93_000], 189_000 },
    };

    [Theory]
    [MemberData(nameof(SynAckSchedules))]
    public void With_every_pure_ack_of_the_client_lost_the_server_resends_on_schedule_then_forgets_and_resets_the_write(
        string profile, long[] resends, long dropMs)
    {
        var ladder = new Ladder(TcpProfile.Named(profile), oneWayMs: 10);
        ladder.LoseAll(C2S, Ladder.IsPureAck);
        ladder.Open(atMs: 0);
        long writeMs = dropMs + 7_000;                  // the half-open client stays silent, then writes 100 bytes
        ladder.Call(writeMs, UserCall.ClientSend, bytes: 100);
        ladder.RunUntil(writeMs + 1_000);

        // The first SYN-ACK leaves at 10 ms; every copy reaches the client 10 ms later and is re-ACKed (lost).
        var expected = new List<Rung>
        {
            Arrives(10, C2S, Syn(0), SynSent, SynReceived),
            Arrives(20, S2C, SynAck(0, 1), Established, SynReceived),
            Lost(20, C2S, Ack(1, 1), Established, SynReceived),
        };
        foreach (var at in resends)
        {
            expected.Add(Arrives(10 + at + 10, S2C, SynAck(0, 1), Established, SynReceived));
            expected.Add(Lost(10 + at + 10, C2S, Ack(1, 1), Established, SynReceived));
        }
        expected.Add(Arrives(writeMs + 10, C2S, Data(1, 1, 100), Established, Listen));   // no request any more
        expected.Add(Arrives(writeMs + 20, S2C, Rst(1), Closed, Listen));                  // <SEQ=SEG.ACK><CTL=RST>
        Assert.Equal(expected, ladder.Rungs);
        Assert.Equal(TcpError.ConnReset, ladder.Conn().Error);

        // Dropped at exactly the profile's offset: still queued just before, gone at it.
        var books = ladder.Wire.Listener.Books;
        Assert.Equal(1, books.Expired);
        Assert.Equal(0, ladder.Wire.Listener.SynQueueLength);
    }

    [Fact]
    public void A_stale_duplicate_syn_is_refused_by_the_clients_rst_and_the_real_syn_then_connects()
    {
        // RFC 9293 §3.5 figure 8: why the handshake has three steps. The client's first SYN is lost; an old SYN of
        // the same 4-tuple (another ISN) reaches the server first, and the client resets the SYN-ACK that acks it.
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.LoseNext(C2S, TcpFlags.Syn);
        ladder.Open(atMs: 0, localPort: 40000);
        ladder.RunUntil(0);
        var oldSyn = ladder.FromClient(TcpFlags.Syn, seq: 100_000) with { Options = TcpOptions.Mss, Mss = 1460 };
        ladder.Wire.Inject(oldSyn, Dir.C2S);
        ladder.RunUntil(2_000);

        // The second request's ISN is 1 s later on the 64 ns clock: 10^9 / 64 = 15,625,000 past the first.
        Rung[] expected =
        [
            Lost(      0, C2S, Syn(0),                       SynSent,      Listen),
            Arrives(  10, C2S, Syn(100_000),                 SynSent,      SynReceived),
            Arrives(  20, S2C, SynAck(0, 100_001),           SynSent,      SynReceived),
            Arrives(  30, C2S, Rst(100_001),                 SynSent,      Listen),
            Arrives(1010, C2S, Syn(0),                       SynSent,      SynReceived),
            Arrives(1020, S2C, SynAck(15_625_000, 1),        Established,  SynReceived),
            Arrives(1030, C2S, Ack(1, 15_625_001),           Established,  Established),
        ];
        Assert.Equal(expected, ladder.Rungs);
        Assert.Equal(1, ladder.Wire.Listener.Counters[TcpExt.EmbryonicRsts]);
    }

    [Fact]
    public void A_syn_for_a_port_nobody_listens_on_is_refused_with_rst_ack_and_connect_fails_with_econnrefused()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0, remotePort: 81);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            Arrives(10, C2S, Syn(0),        SynSent, Closed),
            Arrives(20, S2C, RstAck(0, 1),  Closed,  Closed),   // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
        ];
        Assert.Equal(expected, ladder.Rungs);
        Assert.Equal(TcpError.ConnRefused, ladder.Conn().Error);
        Assert.Equal(1, ladder.Wire.Server.Counters[TcpExt.OutRsts]);
    }

    [Fact]
    public void A_stray_ack_for_no_socket_gets_a_rst_carrying_its_ack_number_and_a_stray_rst_gets_nothing()
    {
        var wire = new Wire(Linux);
        var host = wire.Server;
        var ack = new Segment(Wire.ClientAddr, 40000, Wire.ServerAddr, 81, new SeqNum(7), new SeqNum(12345),
            TcpFlags.Ack, 1000, 0);
        var step = host.Handle(in ack, Instant.Zero);
        Assert.Equal(HostRoute.NoSocket, step.Route);
        Assert.Equal([Rst(12345)], step.Sends.ToArray().Select(s => Seg(s.Flags, s.Seq.Value, s.Ack.Value, s.Length)));

        var rst = ack with { Flags = TcpFlags.Rst };
        Assert.Equal(0, host.Handle(in rst, Instant.Zero).Sends.Length);
    }
}
