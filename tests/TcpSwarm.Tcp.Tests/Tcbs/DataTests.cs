using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class DataTests
{
    // Without timestamps, so that full segments are the 1460-byte MSS (with them Linux sends 1448;
    // SendPathLadderTests).
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18") with { TcpTimestamps = 0 };

    private static string Full(uint seq, uint ack) => Seg(TcpFlags.Ack, seq, ack, len: 1460);

    [Fact]
    public void A_10_kb_request_and_a_30_kb_response_flow_in_mss_segments_each_acked_at_once_in_quick_ack_mode()
    {
        // The client writes 10240 bytes when connect() returns (7 × 1460 + 20), the server answers 30720 bytes
        // (21 × 1460 + 60) once it has them all. The receiver ACKs at once when more than one full segment is
        // unacknowledged, and each ACK lets the sender move its ten-segment initial window on.
        var wire = new Ladder(Linux618, oneWayMs: 10);
        wire.WhenConnected(Side.Client, (tcb, now) => tcb.Send(10_240, now));
        wire.WhenReceived(Side.Server, 10_240, (tcb, now) => tcb.Send(30_720, now));
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            //        ms   dir  segment                                 client after  server after
            Arrives(   10,  C2S, Syn(seq: 0),                          SynSent,      SynReceived),
            Arrives(   20,  S2C, SynAck(seq: 0, ack: 1),            Established,  SynReceived),
            Arrives(   30,  C2S, Ack(seq: 1, ack: 1),               Established,  Established),
            Arrives(   30,  C2S, Full(seq: 1, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 1461, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 2921, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 4381, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 5841, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 7301, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 8761, ack: 1),              Established,  Established),
            Arrives(   30,  C2S, Data(seq: 10221, ack: 1, len: 20),    Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 1461),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 2921),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 4381),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 5841),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 7301),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 8761),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 10221),              Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 1, ack: 10241),              Established,  Established),
            Arrives(   40,  S2C, Full(seq: 1, ack: 10241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 1461, ack: 10241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 2921, ack: 10241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 4381, ack: 10241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 5841, ack: 10241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 7301, ack: 10241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 8761, ack: 10241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 10221, ack: 10241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 11681, ack: 10241),            Established,  Established),
            Arrives(   40,  S2C, Data(seq: 13141, ack: 10241, len: 1460), Established,  Established),   // TSO's PSH
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 1461),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 2921),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 4381),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 5841),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 7301),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 8761),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 10221),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 11681),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 13141),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 10241, ack: 14601),             Established,  Established),
            Arrives(   60,  S2C, Full(seq: 14601, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 16061, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 17521, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 18981, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 20441, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 21901, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 23361, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 24821, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 26281, ack: 10241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 27741, ack: 10241),            Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 16061),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 17521),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 18981),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 20441),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 21901),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 23361),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 26281),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 10241, ack: 29201),             Established,  Established),
            Arrives(   80,  S2C, Full(seq: 29201, ack: 10241),            Established,  Established),
            Arrives(   80,  S2C, Data(seq: 30661, ack: 10241, len: 60),   Established,  Established),
            Arrives(   90,  C2S, Ack(seq: 10241, ack: 30721),             Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((10_240, 30_720), (wire.BytesRead(Side.Server), wire.BytesRead(Side.Client)));
        Assert.Equal((10_240L, 30_720L), (wire.Client.BytesAcked, wire.Server.BytesAcked));
        Assert.Equal(0, wire.Retransmissions(Side.Client) + wire.Retransmissions(Side.Server));
    }

    [Fact]
    public void A_lone_data_segment_on_a_new_connection_is_acked_at_once_in_quick_ack_mode()
    {
        var wire = Ladder.Established(Linux618);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1000, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives( 110,  C2S, Data(seq: 1, ack: 1, len: 1000),  Established,  Established),
            Arrives( 120,  S2C, Ack(seq: 1, ack: 1001),           Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
    }

    [Fact]
    public void A_lost_lone_segment_is_resent_by_the_loss_probe_at_the_rto_the_rfc_6298_estimator_gives()
    {
        // The handshake's one sample, RTT 20 ms: SRTT 20, RTTVAR 10, RTO = 20 + max(4·10, 200) = 220 ms. The segment
        // sent at 100 ms is resent at 320 ms: the probe timeout, 2·SRTT + tcp_rto_min for one segment in flight, is
        // capped by the RTO, so it is a tail loss probe and not an RTO (no backoff); its ACK gives no sample (Karn).
        var wire = Ladder.Established(Linux618);
        Assert.Equal(TimeSpan.FromMilliseconds(220), wire.Client.Rto);
        wire.LoseNext(Dir.C2S, s => s.Flags == (TcpFlags.Psh | TcpFlags.Ack));   // the data segment
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1000, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Lost( 100,  C2S, Data(seq: 1, ack: 1, len: 1000),  Established,  Established),
            Arrives( 330,  C2S, Data(seq: 1, ack: 1, len: 1000),  Established,  Established),
            Arrives( 340,  S2C, Ack(seq: 1, ack: 1001),           Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((1, 1L, 0L, 1L),
            (wire.Retransmissions(Side.Client), wire.Counters(Side.Client)[TcpExt.TCPLossProbes],
                wire.Counters(Side.Client)[TcpExt.TCPTimeouts], wire.Counters(Side.Client)[TcpExt.RetransSegs]));
        Assert.Equal(TimeSpan.FromMilliseconds(220), wire.Client.Rto);
    }

    [Fact]
    public void A_segment_lost_mid_flight_is_repaired_by_the_rto_and_the_segment_past_it_waits_out_of_order()
    {
        // Three segments at 100 ms, the second lost. The third is kept out of order, with a duplicate ACK at once. The
        // ACK of the first arms the loss probe (2·SRTT + 2 ms, two in flight), which resends the newest segment, again
        // out of order; the RTO after the probe resends the second, and its ACK covers the third as well.
        var wire = Ladder.Established(Linux618);
        wire.LoseNext(Dir.C2S, s => s.Seq == wire.ClientSeq(1461));
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(3 * 1460, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Lost( 100,  C2S, Full(seq: 1461, ack: 1),             Established,  Established),
            Arrives( 110,  C2S, Full(seq: 1, ack: 1),                Established,  Established),
            Arrives( 110,  C2S, Data(seq: 2921, ack: 1, len: 1460),  Established,  Established),
            Arrives( 120,  S2C, Ack(seq: 1, ack: 1461),              Established,  Established),
            Arrives( 120,  S2C, Ack(seq: 1, ack: 1461),              Established,  Established),
            Arrives( 172,  C2S, Data(seq: 2921, ack: 1, len: 1460),  Established,  Established),
            Arrives( 182,  S2C, Ack(seq: 1, ack: 1461),              Established,  Established),
            Arrives( 392,  C2S, Full(seq: 1461, ack: 1),             Established,  Established),
            Arrives( 402,  S2C, Ack(seq: 1, ack: 4381),              Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((2, 1L), (wire.Retransmissions(Side.Client), wire.Counters(Side.Client)[TcpExt.TCPTimeouts]));
        Assert.Equal(4380, wire.BytesRead(Side.Server));
    }
}
