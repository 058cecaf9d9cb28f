using TcpSwarm.Tcp.Tests.Ladders;
using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.Tcp.Tests.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

public sealed class DataTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    private static string Full(uint seq, uint ack) => Seg(TcpFlags.Ack, seq, ack, len: 1460);

    [Fact]
    public void A_10_kb_request_and_a_30_kb_response_flow_in_mss_segments_each_acked_at_once_in_quick_ack_mode()
    {
        // The client writes 10240 bytes when connect() returns (7 × 1460 + 20), the server answers 30720 bytes
        // (21 × 1460 + 60) once it has them all. The receiver ACKs at once when more than one full segment is
        // unacknowledged, and each ACK lets the sender move its ten-segment initial window on.
        var wire = new TcbWire(Linux618, clientIsn: 1000, serverIsn: 5000, oneWayMs: 10);
        wire.WhenConnected(Side.Client, (tcb, now) => tcb.Send(10_240, now));
        wire.WhenReceived(Side.Server, 10_240, (tcb, now) => tcb.Send(30_720, now));
        wire.Open(atMs: 0);
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            //        ms   dir  segment                                 client after  server after
            Arrives(   10,  C2S, Syn(seq: 1000),                          SynSent,      SynReceived),
            Arrives(   20,  S2C, SynAck(seq: 5000, ack: 1001),            Established,  SynReceived),
            Arrives(   30,  C2S, Ack(seq: 1001, ack: 5001),               Established,  Established),
            Arrives(   30,  C2S, Full(seq: 1001, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 2461, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 3921, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 5381, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 6841, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 8301, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Full(seq: 9761, ack: 5001),              Established,  Established),
            Arrives(   30,  C2S, Data(seq: 11221, ack: 5001, len: 20),    Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 2461),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 3921),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 5381),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 6841),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 8301),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 9761),               Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 11221),              Established,  Established),
            Arrives(   40,  S2C, Ack(seq: 5001, ack: 11241),              Established,  Established),
            Arrives(   40,  S2C, Full(seq: 5001, ack: 11241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 6461, ack: 11241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 7921, ack: 11241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 9381, ack: 11241),             Established,  Established),
            Arrives(   40,  S2C, Full(seq: 10841, ack: 11241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 12301, ack: 11241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 13761, ack: 11241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 15221, ack: 11241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 16681, ack: 11241),            Established,  Established),
            Arrives(   40,  S2C, Full(seq: 18141, ack: 11241),            Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 6461),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 7921),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 9381),              Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 10841),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 12301),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 13761),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 15221),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 16681),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 18141),             Established,  Established),
            Arrives(   50,  C2S, Ack(seq: 11241, ack: 19601),             Established,  Established),
            Arrives(   60,  S2C, Full(seq: 19601, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 21061, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 22521, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 23981, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 25441, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 26901, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 28361, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 29821, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 31281, ack: 11241),            Established,  Established),
            Arrives(   60,  S2C, Full(seq: 32741, ack: 11241),            Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 21061),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 22521),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 23981),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 25441),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 26901),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 28361),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 31281),             Established,  Established),
            Arrives(   70,  C2S, Ack(seq: 11241, ack: 34201),             Established,  Established),
            Arrives(   80,  S2C, Full(seq: 34201, ack: 11241),            Established,  Established),
            Arrives(   80,  S2C, Data(seq: 35661, ack: 11241, len: 60),   Established,  Established),
            Arrives(   90,  C2S, Ack(seq: 11241, ack: 35721),             Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((10_240, 30_720), (wire.BytesRead(Side.Server), wire.BytesRead(Side.Client)));
        Assert.Equal((10_240L, 30_720L), (wire.Client.BytesAcked, wire.Server.BytesAcked));
        Assert.Equal(0, wire.Retransmissions(Side.Client) + wire.Retransmissions(Side.Server));
    }

    [Fact]
    public void A_lone_data_segment_on_a_new_connection_is_acked_at_once_in_quick_ack_mode()
    {
        var wire = TcbWire.Established(Linux618);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1000, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Arrives(  110,  C2S, Data(seq: 1001, ack: 5001, len: 1000),   Established,  Established),
            Arrives(  120,  S2C, Ack(seq: 5001, ack: 2001),               Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
    }

    [Fact]
    public void A_lost_lone_segment_is_resent_by_the_loss_probe_at_the_rto_the_rfc_6298_estimator_gives()
    {
        // The handshake's one sample, RTT 20 ms: SRTT 20, RTTVAR 10, RTO = 20 + max(4·10, 200) = 220 ms. The segment
        // sent at 100 ms is resent at 320 ms: the probe timeout, 2·SRTT + tcp_rto_min for one segment in flight, is
        // capped by the RTO, so it is a tail loss probe and not an RTO (no backoff); its ACK gives no sample (Karn).
        var wire = TcbWire.Established(Linux618);
        Assert.Equal(TimeSpan.FromMilliseconds(220), wire.Client.Rto);
        wire.LoseNext(Dir.C2S, TcpFlags.Psh | TcpFlags.Ack);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1000, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Lost(     100,  C2S, Data(seq: 1001, ack: 5001, len: 1000),   Established,  Established),
            Arrives(  330,  C2S, Data(seq: 1001, ack: 5001, len: 1000),   Established,  Established),
            Arrives(  340,  S2C, Ack(seq: 5001, ack: 2001),               Established,  Established),
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
        var wire = TcbWire.Established(Linux618);
        wire.LoseNext(Dir.C2S, s => s.Seq == new SeqNum(2461));
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(3 * 1460, now));
        wire.RunUntil(ms: 5_000);

        Rung[] expected =
        [
            Lost(     100,  C2S, Full(seq: 2461, ack: 5001),              Established,  Established),
            Arrives(  110,  C2S, Full(seq: 1001, ack: 5001),              Established,  Established),
            Arrives(  110,  C2S, Data(seq: 3921, ack: 5001, len: 1460),   Established,  Established),
            Arrives(  120,  S2C, Ack(seq: 5001, ack: 2461),               Established,  Established),
            Arrives(  120,  S2C, Ack(seq: 5001, ack: 2461),               Established,  Established),
            Arrives(  172,  C2S, Data(seq: 3921, ack: 5001, len: 1460),   Established,  Established),
            Arrives(  182,  S2C, Ack(seq: 5001, ack: 2461),               Established,  Established),
            Arrives(  392,  C2S, Full(seq: 2461, ack: 5001),              Established,  Established),
            Arrives(  402,  S2C, Ack(seq: 5001, ack: 5381),               Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        Assert.Equal((2, 1L), (wire.Retransmissions(Side.Client), wire.Counters(Side.Client)[TcpExt.TCPTimeouts]));
        Assert.Equal(4380, wire.BytesRead(Side.Server));
    }
}
