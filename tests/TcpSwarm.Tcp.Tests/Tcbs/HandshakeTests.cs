using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class HandshakeTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    [Fact]
    public void The_client_goes_from_syn_sent_to_established_with_the_three_way_handshake()
    {
        // RFC 9293 §3.5 on a 10 ms wire; the client ACKs the SYN-ACK at once and connect() returns at 20 ms.
        var wire = new Ladder(Linux618, oneWayMs: 10);
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            //        ms   dir  segment                        client after  server after
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Arrives(  20,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),
            Arrives(  30,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal([new StepEvents(20, TcbEvents.Connected, TcpError.None)], wire.Events(Side.Client));
        // One 20 ms RTT sample from the SYN: RTO = 20 + max(4·10, 200) = 220 ms on both sides.
        Assert.Equal(TimeSpan.FromMilliseconds(220), wire.Client.Rto);
        Assert.Equal(TimeSpan.FromMilliseconds(220), wire.Server.Rto);
        Assert.Equal((wire.ClientSeq(1), wire.ClientSeq(1), wire.ServerSeq(1)),
            (wire.Client.SndUna, wire.Client.SndNxt, wire.Client.RcvNxt));
    }

    [Fact]
    public void A_stale_duplicate_syn_ack_is_refused_by_a_rst_at_its_ack_and_the_real_one_completes()
    {
        // RFC 9293 §3.5 figure 8: why the handshake has three steps. An old SYN-ACK (for some earlier SYN) reaches
        // the client in SYN_SENT; its ACK is not ISS+1, so the client answers <SEQ=SEG.ACK><CTL=RST> and waits on.
        // The server has no ISN yet when it arrives, so its seq is raw (the ACK is relative to the client's ISN).
        var wire = new Ladder(Linux618, oneWayMs: 10);
        wire.Socket();
        wire.Inject(atMs: 5, Dir.S2C, wire.FromServer(TcpFlags.Syn | TcpFlags.Ack, seq: 85000, ack: Before(223)));
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(   5,  S2C, SynAck(seq: 85000, ack: Before(223)),  SynSent,      Listen),
            Arrives(  10,  C2S, Syn(seq: 0),                           SynSent,      SynReceived),
            // The listener ignores the RST.
            Arrives(  15,  C2S, Rst(seq: Before(223)),                 SynSent,      SynReceived),
            Arrives(  20,  S2C, SynAck(seq: 0, ack: 1),                Established,  SynReceived),
            Arrives(  30,  C2S, Ack(seq: 1, ack: 1),                   Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(1, wire.Counters(Side.Client)[TcpExt.OutRsts]);
    }

    [Fact]
    public void A_rst_acking_the_syn_refuses_the_connect()
    {
        var wire = new Ladder(Linux618);
        wire.Socket();
        // SYN_SENT checks only the ACK of a RST; its seq (0, raw: the server has no ISN) is not looked at.
        wire.Inject(atMs: 5, Dir.S2C, wire.FromServer(TcpFlags.Rst | TcpFlags.Ack, seq: 0, ack: 1));
        wire.LoseEvery(Dir.C2S, TcpFlags.Syn);
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Assert.Equal([new StepEvents(5, TcbEvents.Closed, TcpError.ConnRefused)], wire.Events(Side.Client));
        Assert.Equal((Closed, TcpError.ConnRefused), (wire.StateOf(Side.Client), wire.Client.Error));
        Assert.Equal(1, wire.Counters(Side.Client)[TcpExt.AttemptFails]);
    }

    [Fact]
    public void Linux_6_18_sends_syns_at_0_1_2_3_4_5_7_11_19_35_67_s_and_times_out_at_131_s()
    {
        // tcp_syn_retries 6 + tcp_syn_linear_timeouts 4: five 1-s gaps, then doubling.
        AssertSynSchedule("linux-6.18", [0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67], timedOutAtS: 131);
    }

    [Fact]
    public void Linux_6_1_sends_syns_at_0_1_3_7_15_31_63_s_and_times_out_at_127_s()
    {
        AssertSynSchedule("linux-6.1", [0, 1, 3, 7, 15, 31, 63], timedOutAtS: 127);
    }

    [Fact]
    public void The_rfc1122_profile_sends_syns_at_0_3_9_21_45_93_189_s_and_times_out_at_309_s_under_the_rto_ceiling()
    {
        // The doubling would wait 192 s after the SYN of 189 s, but the profile keeps the 120 s RTO ceiling
        // (tcp_rto_max_ms cannot exceed 120000): 189 + 120 = 309 s, as tcp_model_timeout(6, 3 s) also says.
        AssertSynSchedule(TcpProfile.Named("rfc1122"), [0, 3, 9, 21, 45, 93, 189], timedOutAtS: 309);
    }

    [Fact]
    public void With_no_rto_ceiling_below_192_s_the_rfc1122_syns_time_out_at_381_s()
    {
        var uncapped = TcpProfile.Named("rfc1122") with { TcpRtoMax = TimeSpan.FromSeconds(240) };
        AssertSynSchedule(uncapped, [0, 3, 9, 21, 45, 93, 189], timedOutAtS: 381);
    }

    // Found by `tcpswarm calibrate --quick` on Linux 6.18.44: with tcp_syn_retries 2 the kernel sent SYNs at 0, 1, 2,
    // 3, 4 and 5 s and failed connect() at 7.1 s, where counting alone (2 + 4 linear = 6 resends) gave a 7th SYN and
    // 11 s.
    // tcp_write_timeout also asks retransmits_timed_out(tcp_syn_retries): the first SYN may not be older than
    // tcp_model_timeout(n, TCP_TIMEOUT_INIT) = (2^(n+1) - 1) s, and whichever limit comes first ends the connect.
    [Theory]
    [InlineData(1, new long[] { 0, 1, 2 }, 3)]
    [InlineData(2, new long[] { 0, 1, 2, 3, 4, 5 }, 7)]
    [InlineData(3, new long[] { 0, 1, 2, 3, 4, 5, 7, 11 }, 19)]
    [InlineData(4, new long[] { 0, 1, 2, 3, 4, 5, 7, 11, 19 }, 35)]
    public void With_few_syn_retries_linux_6_18_gives_up_when_the_first_syn_is_older_than_its_time_budget(
        int retries, long[] synAtS, long timedOutAtS)
    {
        var text = retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Sysctls.TrySet(TcpProfile.Named("linux-6.18"), "net.ipv4.tcp_syn_retries", text, out var profile,
            out var error), error);
        AssertSynSchedule(profile, synAtS, timedOutAtS);
    }

    private static void AssertSynSchedule(string profile, long[] synAtS, long timedOutAtS) =>
        AssertSynSchedule(TcpProfile.Named(profile), synAtS, timedOutAtS);

    private static void AssertSynSchedule(TcpProfile profile, long[] synAtS, long timedOutAtS)
    {
        var wire = new Ladder(profile, oneWayMs: 10);
        wire.LoseEvery(Dir.C2S, TcpFlags.Syn);
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 1_000_000);

        var expected = Array.ConvertAll(synAtS, s => Lost(s * 1000, C2S, Syn(seq: 0), SynSent, Listen));
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal([new StepEvents(timedOutAtS * 1000, TcbEvents.Closed, TcpError.TimedOut)],
            wire.Events(Side.Client));
        var counters = wire.Counters(Side.Client);
        Assert.Equal(
            (synAtS.Length - 1, synAtS.Length, 1L, 1L),
            (wire.Retransmissions(Side.Client), counters[TcpExt.TCPTimeouts], counters[TcpExt.TCPAbortOnTimeout],
                counters[TcpExt.AttemptFails]));
    }

    [Fact]
    public void A_lost_syn_ack_is_repaired_by_the_client_resending_its_syn_and_the_rto_falls_back_to_3_s()
    {
        // Karn: the retransmitted SYN gives no RTT sample, so the data RTO is TCP_TIMEOUT_FALLBACK (RFC 6298 §5.7).
        // The listener's request timer (1 s after its SYN-ACK) fires at 1010 ms just before the resent SYN arrives,
        // and tcp_check_req answers that SYN too: two SYN-ACKs, and the client ACKs each.
        var wire = new Ladder(Linux618);
        wire.LoseNext(Dir.S2C, TcpFlags.Syn | TcpFlags.Ack);
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Lost(  10,  S2C, SynAck(seq: 0, ack: 1),  SynSent,      SynReceived),
            Arrives(1010,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Arrives(1020,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),   // the timer's
            Arrives(1020,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),   // the answer to the SYN
            Arrives(1030,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
            Arrives(1030,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(TimeSpan.FromSeconds(3), wire.Client.Rto);
        Assert.Equal(TimeSpan.FromSeconds(3), wire.Server.Rto);      // its SYN-ACK was sent twice
    }

    [Fact]
    public void Simultaneous_open_takes_both_sides_through_syn_received_to_established()
    {
        // RFC 9293 §3.5 figure 7; each side answers the crossed SYN with a SYN-ACK of its own ISS, and ACKs the
        // other's SYN-ACK at once (its SYN lies before RCV.NXT, which Linux treats as a retransmission).
        var wire = Ladder.Simultaneous(Linux618, oneWayMs: 10);
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Arrives(  10,  S2C, Syn(seq: 0),             SynReceived,  SynReceived),
            Arrives(  20,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),
            Arrives(  20,  C2S, SynAck(seq: 0, ack: 1),  Established,  Established),
            Arrives(  30,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
            Arrives(  30,  S2C, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal([new StepEvents(20, TcbEvents.Connected, TcpError.None)], wire.Events(Side.Client));
        Assert.Equal([new StepEvents(20, TcbEvents.Connected, TcpError.None)], wire.Events(Side.Server));
        Assert.Equal(0, wire.Retransmissions(Side.Client) + wire.Retransmissions(Side.Server));
    }

    [Fact]
    public void In_a_simultaneous_open_one_lost_syn_ack_costs_nothing_because_the_other_side_acks_the_syn()
    {
        var wire = Ladder.Simultaneous(Linux618);
        wire.LoseNext(Dir.S2C, TcpFlags.Syn | TcpFlags.Ack);
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Lost(  10,  S2C, SynAck(seq: 0, ack: 1),  SynSent,      SynReceived),
            Arrives(  10,  S2C, Syn(seq: 0),             SynReceived,  SynReceived),
            Arrives(  20,  C2S, SynAck(seq: 0, ack: 1),  SynReceived,  Established),
            Arrives(  30,  S2C, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(0, wire.Retransmissions(Side.Server));
    }

    [Fact]
    public void In_a_simultaneous_open_both_lost_syn_acks_are_resent_from_syn_received_when_the_syn_rto_expires()
    {
        // The SYN's RTO (1 s) keeps running in SYN_RCVD (tcp_send_synack re-sends the SYN's own skb), so each side
        // resends its SYN-ACK at 1 s. The handshake retransmitted: no RTT sample, the RTO falls back to 3 s.
        var wire = Ladder.Simultaneous(Linux618, oneWayMs: 10);
        wire.LoseNext(Dir.S2C, TcpFlags.Syn | TcpFlags.Ack);
        wire.LoseNext(Dir.C2S, TcpFlags.Syn | TcpFlags.Ack);
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Lost(  10,  S2C, SynAck(seq: 0, ack: 1),  SynSent,      SynReceived),
            Arrives(  10,  S2C, Syn(seq: 0),             SynReceived,  SynReceived),
            Lost(  10,  C2S, SynAck(seq: 0, ack: 1),  SynReceived,  SynReceived),
            Arrives(1010,  C2S, SynAck(seq: 0, ack: 1),  SynReceived,  Established),
            Arrives(1010,  S2C, SynAck(seq: 0, ack: 1),  Established,  Established),
            Arrives(1020,  S2C, Ack(seq: 1, ack: 1),     Established,  Established),
            Arrives(1020,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((1, 1), (wire.Retransmissions(Side.Client), wire.Retransmissions(Side.Server)));
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)), (wire.Client.Rto, wire.Server.Rto));
    }

    [Fact]
    public void A_connect_that_reuses_a_time_wait_tuple_starts_after_the_old_snd_nxt_and_keeps_its_ts_recent()
    {
        // tcp_twsk_unique: ISS = old SND.NXT + 65537, and ts_recent comes over, so the SYN echoes it and an old
        // duplicate SYN of the previous incarnation (an older TSval) fails PAWS in SYN_SENT.
        var old = new TimeWaitEntry(TcbFixture.ClientTuple, SndNxt: new SeqNum(77_000), RcvNxt: new SeqNum(9_000),
            Timestamps: true, TsRecent: 123_456, TsRecentStamp: Instant.FromSeconds(5), TcbFixture.ClientTsOffset,
            EnteredAt: Instant.FromSeconds(5));
        var tcb = Tcb.Connect(TcbFixture.ClientTuple, Isn.AfterTimeWait(old.SndNxt), TcbFixture.ClientTsOffset,
            Linux618, reused: true, old.TsRecent, old.TsRecentStamp);
        var syn = tcb.Open(Instant.FromSeconds(7)).Sends[0];
        var oldSyn = TcbFixture.FromServer(TcpFlags.Syn, seq: 3000) with
        {
            Options = TcpOptions.Timestamps,
            TsVal = 123_000,
            TsEcr = 0,
        };
        var step = tcb.Handle(in oldSyn, Instant.FromSeconds(7.01));

        Assert.Equal((new SeqNum(142_537), 123_456u), (syn.Seq, syn.TsEcr));
        Assert.Equal((0, SynSent), (step.Sends.Length, tcb.State));
    }
}
