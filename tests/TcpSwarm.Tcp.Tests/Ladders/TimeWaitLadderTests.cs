using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>TIME_WAIT through two hosts: the compact record, its re-ACK, its expiry, and SYNs for its
/// 4-tuple.</summary>
public sealed class TimeWaitLadderTests
{
    private static readonly TcpProfile Linux = TcpProfile.Named("linux-6.18");

    [Fact]
    public void A_lost_last_ack_brings_a_fin_retransmission_that_time_wait_re_acks_restarting_its_60_s()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.Call(100, UserCall.ClientClose);
        ladder.Call(300, UserCall.ServerClose);
        ladder.LoseAll(C2S, Ladder.IsPureAck, fromMs: 300, untilMs: 320);
        ladder.RunUntil(1_000);

        // The server's RTO after one 20 ms RTT sample is 20 + max(2·20, 200) = 220 ms: its FIN again at 520.
        Rung[] expected =
        [
            Arrives(  10, C2S, Syn(0),        SynSent,    SynReceived),
            Arrives(  20, S2C, SynAck(0, 1),  Established, SynReceived),
            Arrives(  30, C2S, Ack(1, 1),     Established, Established),
            Arrives( 110, C2S, FinAck(1, 1),  FinWait1,   CloseWait),
            Arrives( 121, S2C, Ack(1, 2),     FinWait2,   CloseWait),    // no data came: ACKed at the next tick
            Arrives( 310, S2C, FinAck(1, 2),  TimeWait,   LastAck),
            Lost(    310, C2S, Ack(2, 2),     TimeWait,   LastAck),
            Arrives( 530, S2C, FinAck(1, 2),  TimeWait,   LastAck),
            Arrives( 540, C2S, Ack(2, 2),     TimeWait,   Listen),     // the port's listener owns the 4-tuple now
        ];
        Assert.Equal(expected, ladder.Rungs);

        var tuple = ladder.Conn().Tuple;
        ladder.RunUntil(60_529);
        Assert.Equal(TimeWait, ladder.ClientState(tuple));              // 60 s from the re-ACK at 530, not from 310
        ladder.RunUntil(60_530);
        Assert.Equal(Closed, ladder.ClientState(tuple));
        Assert.Equal(1, ladder.Wire.Client.Counters[TcpExt.TW]);
        Assert.True(ladder.Conn().Completed);
    }

    // The server closes first, so the server holds TIME_WAIT; then the same client port connects again.
    private static Ladder ServerHoldsTimeWait(TcpProfile profile)
    {
        var ladder = new Ladder(profile, oneWayMs: 10);
        ladder.Open(atMs: 0, localPort: 40000);
        ladder.Call(100, UserCall.ServerClose);
        ladder.Call(200, UserCall.ClientClose);
        ladder.RunUntil(900);
        Assert.Equal(TimeWait, ladder.ServerState(ladder.Conn().Tuple.Reversed));
        return ladder;
    }

    [Fact]
    public void A_new_syn_for_a_4_tuple_in_time_wait_is_accepted_and_answered_with_the_old_snd_nxt_plus_65537()
    {
        var ladder = ServerHoldsTimeWait(Linux);
        int before = ladder.Rungs.Count;
        ladder.Open(atMs: 1_000, localPort: 40000);
        ladder.RunUntil(2_000);

        // The server's old SND.NXT is its ISN + 2 (SYN and FIN): the new ISN is that + 65537 (tcp_tw_isn).
        // The client's new ISN is 1 s later on the 64 ns clock, so its SYN is after the old RCV.NXT.
        Rung[] expected =
        [
            Arrives(1010, C2S, Syn(15_625_000),                 SynSent,     SynReceived),
            Arrives(1020, S2C, SynAck(65_539, 15_625_001),      Established, SynReceived),
            Arrives(1030, C2S, Ack(15_625_001, 65_540),         Established, Established),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
        Assert.Equal(0, ladder.Wire.Server.TimeWait.Count);
    }

    [Theory]
    [InlineData("linux-6.18", TcpExt.PAWSTimewait)]    // LINUX_MIB_PAWS_TW_REJECTED, from 6.15
    [InlineData("linux-6.1", TcpExt.PAWSEstab)]        // tcp_timewait_state_process counted PAWSESTABREJECTED
    public void An_old_duplicate_syn_of_the_earlier_incarnation_is_acked_by_time_wait_and_the_clients_rst_kills_it(
        string profile, TcpExt pawsCounter)
    {
        var ladder = ServerHoldsTimeWait(TcpProfile.Named(profile));
        var firstSyn = ladder.Rungs[0];
        Assert.Equal(Syn(0), firstSyn.Segment);
        int before = ladder.Rungs.Count;
        // The very SYN of the first incarnation, delayed in the network: same ISN, same (old) timestamp.
        ladder.Wire.Inject(FirstSynAgain(ladder), Dir.C2S);
        ladder.RunUntil(2_000);

        // TIME_WAIT answers with its ACK (SND.NXT, RCV.NXT); the client host has no socket and resets it with
        // <SEQ=SEG.ACK>, which is exactly TIME_WAIT's RCV.NXT: tcp_rfc1337 = 0 lets that RST assassinate it.
        Rung[] expected =
        [
            Arrives(910, C2S, Syn(0),    Closed, TimeWait),
            Arrives(920, S2C, Ack(2, 2), Closed, TimeWait),
            Arrives(930, C2S, Rst(2),    Closed, Listen),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
        Assert.Equal(1, ladder.Wire.Server.Counters[TcpExt.TWKilled]);
        Assert.Equal(1, ladder.Wire.Server.Counters[pawsCounter]);
    }

    [Fact]
    public void With_tcp_rfc1337_the_rst_is_ignored_and_time_wait_survives_the_old_duplicate()
    {
        var ladder = ServerHoldsTimeWait(Linux with { TcpRfc1337 = true });
        ladder.Wire.Inject(FirstSynAgain(ladder), Dir.C2S);
        ladder.RunUntil(2_000);
        Assert.Equal(TimeWait, ladder.ServerState(ladder.Conn().Tuple.Reversed));
        Assert.Equal(0, ladder.Wire.Server.Counters[TcpExt.TWKilled]);
    }

    [Fact]
    public void Tcp_max_tw_buckets_full_closes_the_socket_without_time_wait_and_counts_the_overflow()
    {
        var ladder = new Ladder(Linux with { TcpMaxTwBuckets = 1 }, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.Open(atMs: 0);
        ladder.Call(100, UserCall.ClientClose, conn: 0);
        ladder.Call(100, UserCall.ClientClose, conn: 1);
        ladder.Call(300, UserCall.ServerClose, conn: 0);
        ladder.Call(300, UserCall.ServerClose, conn: 1);
        ladder.RunUntil(1_000);
        Assert.Equal(1, ladder.Wire.Client.TimeWait.Count);
        Assert.Equal(1, ladder.Wire.Client.Counters[TcpExt.TCPTimeWaitOverflow]);
        Assert.True(ladder.Conn(0).Completed && ladder.Conn(1).Completed);
    }

    // The first connection's SYN as it left at 0 ms: its ISN, and the TSval of a clock at 0 (the timestamp offset).
    private static Segment FirstSynAgain(Ladder ladder) =>
        ladder.FromClient(TcpFlags.Syn, seq: 0) with
        {
            Options = TcpOptions.Mss | TcpOptions.Timestamps,
            Mss = 1460,
            TsVal = ladder.ClientTsOffset,
        };
}
