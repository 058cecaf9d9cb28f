using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class ValidationTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    private static Ladder Connected() => Ladder.Established(Linux618);   // both ESTABLISHED at 30 ms

    [Fact]
    public void Rfc5961_an_inexact_rst_is_challenged_a_syn_is_challenged_once_per_500_ms_and_an_exact_rst_resets()
    {
        // A blind attacker's segments reach the client (RCV.NXT 1, window 65408). Only the RST at exactly RCV.NXT
        // resets; the SYN at 200 ms falls within 500 ms of the challenge at 100 ms and is skipped.
        var wire = Connected();
        wire.Inject(atMs: 100, Dir.S2C, wire.FromServer(TcpFlags.Rst, seq: 101));
        wire.Inject(atMs: 150, Dir.S2C, wire.FromServer(TcpFlags.Rst, seq: 70001));
        wire.Inject(atMs: 200, Dir.S2C, wire.FromServer(TcpFlags.Syn, seq: 2000));
        wire.Inject(atMs: 700, Dir.S2C, wire.FromServer(TcpFlags.Syn, seq: 2000));
        wire.Inject(atMs: 800, Dir.S2C, wire.FromServer(TcpFlags.Rst, seq: 1));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            //        ms   dir  segment                      client after  server after
            Arrives( 100,  S2C, Rst(seq: 101),        Established,  Established),  // in window: challenged
            Arrives( 110,  C2S, Ack(seq: 1, ack: 1),  Established,  Established),
            Arrives( 150,  S2C, Rst(seq: 70001),      Established,  Established),  // out of window: dropped
            Arrives( 200,  S2C, Syn(seq: 2000),       Established,  Established),  // challenge skipped
            Arrives( 700,  S2C, Syn(seq: 2000),       Established,  Established),
            Arrives( 710,  C2S, Ack(seq: 1, ack: 1),  Established,  Established),
            Arrives( 800,  S2C, Rst(seq: 1),          Closed,       Established),  // exact: reset
        ];
        Assert.Equal(expected, wire.Rungs);
        var client = wire.Counters(Side.Client);
        Assert.Equal((2L, 2L, 1L, 1L),
            (client[TcpExt.TCPChallengeACK], client[TcpExt.TCPSYNChallenge], client[TcpExt.TCPACKSkippedChallenge],
                client[TcpExt.EstabResets]));
        Assert.Equal([new StepEvents(800, TcbEvents.Closed, TcpError.ConnReset)], wire.Events(Side.Client));
    }

    [Fact]
    public void A_retransmitted_syn_ack_reaching_an_established_client_is_re_acked_by_a_challenge_ack()
    {
        // The third ACK is lost; the listener's SYN-ACK, resent 1 s after the first, is a SYN in a synchronized state.
        var wire = new Ladder(Linux618, oneWayMs: 10);
        wire.LoseNext(Dir.C2S, TcpFlags.Ack);
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  10,  C2S, Syn(seq: 0),             SynSent,      SynReceived),
            Arrives(  20,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),
            Lost(  20,  C2S, Ack(seq: 1, ack: 1),     Established,  SynReceived),
            Arrives(1020,  S2C, SynAck(seq: 0, ack: 1),  Established,  SynReceived),
            Arrives(1030,  C2S, Ack(seq: 1, ack: 1),     Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((1L, 1L),
            (wire.Counters(Side.Client)[TcpExt.TCPSYNChallenge], wire.Counters(Side.Client)[TcpExt.TCPChallengeACK]));
    }

    [Fact]
    public void An_ack_of_data_never_sent_is_dropped_silently_when_established_and_challenged_in_close_wait()
    {
        // tcp_ack returns -SKB_DROP_REASON_TCP_ACK_UNSENT_DATA for SEG.ACK > SND.NXT: tcp_rcv_established discards
        // the segment without a word (its FIN is not taken; Google's ts_recent/invalid_ack.pkt), while
        // tcp_rcv_state_process, which runs every other state, sends a challenge ACK first.
        var wire = Connected();
        wire.Inject(atMs: 100, Dir.S2C, wire.FromServer(TcpFlags.Fin | TcpFlags.Ack, seq: 1, ack: 8999));
        wire.Inject(atMs: 200, Dir.S2C, wire.FromServer(TcpFlags.Fin | TcpFlags.Ack, seq: 1, ack: 1));
        wire.Inject(atMs: 300, Dir.S2C, wire.FromServer(TcpFlags.Ack, seq: 2, ack: 8999));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            //        ms   dir  segment                      client after  server after
            Arrives( 100,  S2C, FinAck(seq: 1, ack: 8999),  Established,  Established),  // dropped, FIN not taken
            Arrives( 200,  S2C, FinAck(seq: 1, ack: 1),     CloseWait,    Established),
            Arrives( 211,  C2S, Ack(seq: 1, ack: 2),        CloseWait,    Established),  // at the next tick
            Arrives( 300,  S2C, Ack(seq: 2, ack: 8999),     CloseWait,    Established),
            Arrives( 310,  C2S, Ack(seq: 1, ack: 2),        CloseWait,    Established),  // the challenge ACK
        ];
        Assert.Equal(expected, wire.Rungs);
    }

    [Fact]
    public void Pure_acks_outside_the_window_get_one_duplicate_ack_per_500_ms_but_old_data_always_does()
    {
        var wire = Connected();
        wire.Inject(atMs: 100, Dir.S2C, wire.FromServer(TcpFlags.Ack, seq: 85000, ack: 1));
        wire.Inject(atMs: 200, Dir.S2C, wire.FromServer(TcpFlags.Ack, seq: 85000, ack: 1));
        wire.Inject(atMs: 300, Dir.S2C, wire.FromServer(TcpFlags.Psh | TcpFlags.Ack, seq: Before(999), ack: 1, 100));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives( 100,  S2C, Ack(seq: 85000, ack: 1),                   Established,  Established),
            Arrives( 110,  C2S, Ack(seq: 1, ack: 1),                       Established,  Established),
            Arrives( 200,  S2C, Ack(seq: 85000, ack: 1),                   Established,  Established),  // skipped
            Arrives( 300,  S2C, Data(seq: Before(999), ack: 1, len: 100),  Established,  Established),
            Arrives( 310,  C2S, Ack(seq: 1, ack: 1),                       Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(1, wire.Counters(Side.Client)[TcpExt.TCPACKSkippedSeq]);
    }

    [Fact]
    public void Paws_drops_a_segment_with_an_older_timestamp_and_answers_with_a_duplicate_ack()
    {
        // ts_recent is the TSval of the SYN-ACK (10 ms on the server's clock); this one claims 5 ms.
        var wire = Connected();
        var old = wire.FromServer(TcpFlags.Psh | TcpFlags.Ack, seq: 1, ack: 1, length: 100) with
        {
            Options = TcpOptions.Timestamps,
            TsVal = 5 + wire.ServerTsOffset,
            TsEcr = wire.ClientTsOffset,
        };
        wire.Inject(atMs: 100, Dir.S2C, old);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives( 100,  S2C, Data(seq: 1, ack: 1, len: 100),  Established,  Established),
            Arrives( 110,  C2S, Ack(seq: 1, ack: 1),             Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((1L, 0L), (wire.Counters(Side.Client)[TcpExt.PAWSEstab], wire.Client.BytesReceived));
    }

    [Fact]
    public void An_ack_of_data_never_sent_drops_its_data_without_a_reply_when_established()
    {
        var wire = Connected();
        wire.Inject(atMs: 100, Dir.S2C, wire.FromServer(TcpFlags.Psh | TcpFlags.Ack, seq: 1, ack: 8999, 100));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives( 100,  S2C, Data(seq: 1, ack: 8999, len: 100),  Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((0L, 0L), (wire.Counters(Side.Client)[TcpExt.TCPChallengeACK], wire.Client.BytesReceived));
    }

    [Fact]
    public void A_segment_to_a_closed_tcb_is_answered_with_a_rst()
    {
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Abort(now));
        wire.Inject(atMs: 100, Dir.S2C, wire.FromServer(TcpFlags.Psh | TcpFlags.Ack, seq: 1, ack: 1, 100));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives( 100,  S2C, Data(seq: 1, ack: 1, len: 100),  Closed,  Established),
            Arrives( 110,  C2S, RstAck(seq: 1, ack: 1),          Closed,  Listen),
            Arrives( 110,  C2S, Rst(seq: 1),                     Closed,  Listen),
        ];
        Assert.Equal(expected, wire.Rungs);
    }
}
