using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class TeardownTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    private static string Full(uint seq, uint ack) => Seg(TcpFlags.Ack, seq, ack, len: 1460);

    private static Ladder Connected() => Ladder.Established(Linux618);   // both ESTABLISHED at 30 ms

    [Fact]
    public void The_client_closing_first_takes_four_segments_and_the_client_keeps_time_wait()
    {
        // No data ever arrived, so the ATO is 0: the server ACKs the FIN at the next tick (tcp_send_delayed_ack).
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.At(500, Side.Server, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            //        ms   dir  segment                        client after  server after
            Arrives( 110,  C2S, FinAck(seq: 1, ack: 1),  FinWait1,  CloseWait),
            Arrives( 121,  S2C, Ack(seq: 1, ack: 2),     FinWait2,  CloseWait),
            Arrives( 510,  S2C, FinAck(seq: 1, ack: 2),  TimeWait,  LastAck),
            Arrives( 520,  C2S, Ack(seq: 2, ack: 2),     TimeWait,  Listen),   // the listener owns the 4-tuple now
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(
            [new StepEvents(121, TcbEvents.AllAcked, TcpError.None),
             new StepEvents(510, TcbEvents.PeerClosed | TcbEvents.EnteredTimeWait, TcpError.None)],
            wire.Events(Side.Client));
        Assert.Equal(
            [new StepEvents(110, TcbEvents.PeerClosed, TcpError.None),
             new StepEvents(520, TcbEvents.AllAcked | TcbEvents.Closed, TcpError.None)],
            wire.Events(Side.Server));
        Assert.Null(wire.TimeWait(Side.Server));
    }

    [Fact]
    public void The_server_closing_first_takes_four_segments_and_the_server_keeps_time_wait()
    {
        var wire = Connected();
        wire.At(100, Side.Server, (tcb, now) => tcb.Close(now));
        wire.At(500, Side.Client, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives( 110,  S2C, FinAck(seq: 1, ack: 1),  CloseWait,  FinWait1),
            Arrives( 121,  C2S, Ack(seq: 1, ack: 2),     CloseWait,  FinWait2),
            Arrives( 510,  C2S, FinAck(seq: 1, ack: 2),  LastAck,    TimeWait),
            Arrives( 520,  S2C, Ack(seq: 2, ack: 2),     Closed,     TimeWait),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.NotNull(wire.TimeWait(Side.Server));
        Assert.Null(wire.TimeWait(Side.Client));
    }

    [Fact]
    public void After_a_half_close_the_close_wait_side_still_sends_data_that_fin_wait_2_acknowledges()
    {
        // shutdown(SHUT_WR) at 100 ms; the server ACKs the FIN at the next tick, then answers with 3000 bytes from
        // CLOSE_WAIT, which the client, in quick-ACK mode for its first data, ACKs segment by segment. Without
        // timestamps, so the full segments are the 1460-byte MSS.
        var wire = Ladder.Established(Linux618 with { TcpTimestamps = 0 });
        wire.At(100, Side.Client, (tcb, now) => tcb.Shutdown(now));
        wire.At(120, Side.Server, (tcb, now) => tcb.Send(3000, now));
        wire.At(300, Side.Server, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives( 110,  C2S, FinAck(seq: 1, ack: 1),            FinWait1,  CloseWait),
            Arrives( 121,  S2C, Ack(seq: 1, ack: 2),               FinWait2,  CloseWait),
            Arrives( 130,  S2C, Full(seq: 1, ack: 2),              FinWait2,  CloseWait),
            Arrives( 130,  S2C, Full(seq: 1461, ack: 2),           FinWait2,  CloseWait),
            Arrives( 130,  S2C, Data(seq: 2921, ack: 2, len: 80),  FinWait2,  CloseWait),
            Arrives( 140,  C2S, Ack(seq: 2, ack: 1461),            FinWait2,  CloseWait),
            Arrives( 140,  C2S, Ack(seq: 2, ack: 2921),            FinWait2,  CloseWait),
            Arrives( 140,  C2S, Ack(seq: 2, ack: 3001),            FinWait2,  CloseWait),
            Arrives( 310,  S2C, FinAck(seq: 3001, ack: 2),         TimeWait,  LastAck),
            Arrives( 320,  C2S, Ack(seq: 2, ack: 3002),            TimeWait,  Listen),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(3000, wire.BytesRead(Side.Client));
        Assert.False(wire.TimeWait(Side.Client)!.Value.Equals(default(TimeWaitEntry)));
    }

    [Fact]
    public void A_simultaneous_close_goes_through_closing_and_leaves_both_sides_in_time_wait()
    {
        // RFC 9293 §3.6 figure 13: each FIN crosses the other; each side ACKs at once from CLOSING. The server's
        // ACK leaves first, as the client's FIN reached it first.
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.At(100, Side.Server, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives( 110,  C2S, FinAck(seq: 1, ack: 1),  FinWait1,  Closing),
            Arrives( 110,  S2C, FinAck(seq: 1, ack: 1),  Closing,   Closing),
            Arrives( 120,  S2C, Ack(seq: 2, ack: 2),     TimeWait,  Closing),
            Arrives( 120,  C2S, Ack(seq: 2, ack: 2),     TimeWait,  TimeWait),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((wire.ClientSeq(2), wire.ServerSeq(2)),
            (wire.TimeWait(Side.Client)!.Value.SndNxt, wire.TimeWait(Side.Client)!.Value.RcvNxt));
        Assert.Equal((wire.ServerSeq(2), wire.ClientSeq(2)),
            (wire.TimeWait(Side.Server)!.Value.SndNxt, wire.TimeWait(Side.Server)!.Value.RcvNxt));
    }

    [Fact]
    public void The_time_wait_record_holds_our_fin_plus_one_the_peer_fin_plus_one_and_the_timestamps()
    {
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.At(500, Side.Server, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 1_000);

        // ts_recent is the TSval of the server's FIN, sent at 500 ms on the server's clock, taken at 510 ms.
        var expected = new TimeWaitEntry(wire.Conn().Tuple, SndNxt: wire.ClientSeq(2),
            RcvNxt: wire.ServerSeq(2),
            Timestamps: true, TsRecent: 500 + wire.ServerTsOffset, TsRecentStamp: Instant.FromMilliseconds(510),
            TsOffset: wire.ClientTsOffset, EnteredAt: Instant.FromMilliseconds(510));
        Assert.Equal(expected, wire.TimeWait(Side.Client));
    }

    [Fact]
    public void An_abort_sends_a_rst_the_peer_reports_connection_reset_and_nobody_keeps_time_wait()
    {
        // close() with SO_LINGER 0: tcp_disconnect sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>.
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Abort(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives( 110,  C2S, RstAck(seq: 1, ack: 1),  Closed,  Listen),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal([new StepEvents(100, TcbEvents.Closed, TcpError.None)], wire.Events(Side.Client));
        Assert.Equal([new StepEvents(110, TcbEvents.Closed, TcpError.ConnReset)], wire.Events(Side.Server));
        Assert.Equal((null, null), (wire.TimeWait(Side.Client), wire.TimeWait(Side.Server)));
        var client = wire.Counters(Side.Client);
        Assert.Equal((1L, 1L, 1L, 0L),
            (client[TcpExt.OutRsts], client[TcpExt.TCPAbortOnData], client[TcpExt.EstabResets],
                client[TcpExt.TCPAbortOnLinger]));
        Assert.Equal(1, wire.Counters(Side.Server)[TcpExt.EstabResets]);
    }

    [Fact]
    public void Aborting_a_connect_in_syn_sent_sends_nothing()
    {
        var wire = new Ladder(Linux618);
        wire.LoseEvery(Dir.C2S, TcpFlags.Syn);
        wire.Open(atMs: 0);
        wire.At(500, Side.Client, (tcb, now) => tcb.Abort(now));
        wire.RunUntil(ms: 200_000);

        Assert.Equal([Lost(0, C2S, Syn(seq: 0), SynSent, Listen)], wire.Rungs);
        Assert.Equal([new StepEvents(500, TcbEvents.Closed, TcpError.None)], wire.Events(Side.Client));
        Assert.Equal(0, wire.Counters(Side.Client)[TcpExt.OutRsts]);
    }

    [Fact]
    public void Closing_with_unread_data_sends_a_rst_instead_of_a_fin()
    {
        // __tcp_close: data the application never read was tossed, so the peer must not take the close for success.
        var wire = Connected();
        wire.AutoRead = false;
        wire.At(50, Side.Server, (tcb, now) => tcb.Send(100, now));
        wire.At(90, Side.Client, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives(  60,  S2C, Data(seq: 1, ack: 1, len: 100),  Established,  Established),
            Arrives(  70,  C2S, Ack(seq: 1, ack: 101),           Established,  Established),
            Arrives( 100,  C2S, RstAck(seq: 1, ack: 101),        Closed,       Listen),
        ];
        Assert.Equal(expected, wire.Rungs);
        var client = wire.Counters(Side.Client);
        Assert.Equal((1L, 1L, 1L),
            (client[TcpExt.TCPAbortOnClose], client[TcpExt.OutRsts], client[TcpExt.EstabResets]));
        Assert.Equal(
            [new StepEvents(70, TcbEvents.AllAcked, TcpError.None),
             new StepEvents(100, TcbEvents.Closed, TcpError.ConnReset)],
            wire.Events(Side.Server));
    }

    [Fact]
    public void Data_arriving_after_close_is_answered_with_a_rst()
    {
        // RFC 1122 §4.2.2.13, Linux's TCPAbortOnData: the orphan in FIN_WAIT_2 cannot deliver it to anyone.
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.At(300, Side.Server, (tcb, now) => tcb.Send(100, now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Arrives( 110,  C2S, FinAck(seq: 1, ack: 1),          FinWait1,  CloseWait),
            Arrives( 121,  S2C, Ack(seq: 1, ack: 2),             FinWait2,  CloseWait),
            Arrives( 310,  S2C, Data(seq: 1, ack: 2, len: 100),  Closed,    CloseWait),
            Arrives( 320,  C2S, Rst(seq: 2),                     Closed,    Listen),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(1, wire.Counters(Side.Client)[TcpExt.TCPAbortOnData]);
    }

    [Fact]
    public void A_lost_fin_is_resent_by_the_loss_probe_and_the_orphan_leaves_fin_wait_2_after_tcp_fin_timeout()
    {
        // RTO after the handshake's 20 ms sample: 20 + max(4·10, 200) = 220 ms, earlier than the probe timeout
        // (2·20 + 200 ms), so the tail loss probe resends the FIN of 100 ms at 320 ms. The server never closes; the
        // orphan's FIN_WAIT_2 ends 60 s after the ACK, in silence.
        var wire = Connected();
        wire.LoseNext(Dir.C2S, TcpFlags.Fin | TcpFlags.Ack);
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 200_000);

        Rung[] expected =
        [
            Lost( 100,  C2S, FinAck(seq: 1, ack: 1),  FinWait1,  Established),
            Arrives( 330,  C2S, FinAck(seq: 1, ack: 1),  FinWait1,  CloseWait),
            Arrives( 341,  S2C, Ack(seq: 1, ack: 2),     FinWait2,  CloseWait),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal(
            [new StepEvents(341, TcbEvents.AllAcked, TcpError.None),
             new StepEvents(60_341, TcbEvents.Closed, TcpError.None)],
            wire.Events(Side.Client));
        Assert.Equal((1, 1L, 0L),
            (wire.Retransmissions(Side.Client), wire.Counters(Side.Client)[TcpExt.TCPLossProbes],
                wire.Counters(Side.Client)[TcpExt.TCPTimeouts]));
    }

    [Fact]
    public void A_non_orphaned_fin_wait_2_waits_for_the_peer_for_ever()
    {
        var wire = Connected();
        wire.At(100, Side.Client, (tcb, now) => tcb.Shutdown(now));
        wire.RunUntil(ms: 1_000_000);

        Assert.Equal((FinWait2, CloseWait), (wire.StateOf(Side.Client), wire.StateOf(Side.Server)));
    }

    [Fact]
    public void An_orphan_whose_fins_are_all_lost_gives_up_after_tcp_orphan_retries()
    {
        // 8 orphan retries: tcp_model_timeout(8, 200 ms) = 102.2 s after the first FIN. The tail loss probe resends
        // it at 320 ms (min(2·SRTT + 200 ms, RTO) = 220 ms) and restarts the RTO, which then resends at 540, 980,
        // 1860, 3620, 7140, 14180, 28260, 56420 ms (220 ms doubling); the expiry at 112.74 s is past the budget.
        var wire = Connected();
        wire.LoseEvery(Dir.C2S, TcpFlags.Fin | TcpFlags.Ack);
        wire.At(100, Side.Client, (tcb, now) => tcb.Close(now));
        wire.RunUntil(ms: 2_000_000);

        long[] finAtMs = [100, 320, 540, 980, 1860, 3620, 7140, 14180, 28260, 56420];
        Assert.Equal(Array.ConvertAll(finAtMs, ms => Lost(ms, C2S, FinAck(seq: 1, ack: 1), FinWait1, Established)),
            wire.Rungs);
        Assert.Equal([new StepEvents(112_740, TcbEvents.Closed, TcpError.TimedOut)], wire.Events(Side.Client));
        var counters = wire.Counters(Side.Client);
        Assert.Equal((9, 1L, 9L, 1L),
            (wire.Retransmissions(Side.Client), counters[TcpExt.TCPLossProbes], counters[TcpExt.TCPTimeouts],
                counters[TcpExt.TCPAbortOnTimeout]));
    }

    [Fact]
    public void An_attached_socket_whose_fins_are_all_lost_gives_up_after_tcp_retries2()
    {
        // tcp_retries2 = 15: tcp_model_timeout(15, 200 ms) = 924.6 s. A loss probe at 320 ms, then the RTO doubles
        // from 220 ms to the 120 s ceiling; the 16th expiry, at 945.38 s, is the first past the budget: the probe and
        // 15 resends, then ETIMEDOUT.
        var wire = Connected();
        wire.LoseEvery(Dir.C2S, TcpFlags.Fin | TcpFlags.Ack);
        wire.At(100, Side.Client, (tcb, now) => tcb.Shutdown(now));
        wire.RunUntil(ms: 2_000_000);

        Assert.Equal([new StepEvents(945_380, TcbEvents.Closed, TcpError.TimedOut)], wire.Events(Side.Client));
        Assert.Equal(16, wire.Retransmissions(Side.Client));
        Assert.Equal(825_380, wire.Rungs[^1].AtMs);
    }
}
