using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>The receiver's out-of-order queue (tcp_data_queue_ofo, tcp_ofo_queue), without SACK recovery.</summary>
public sealed class OutOfOrderLadderTests
{
    // Without SACK there is no loss probe either: the RTO alone repairs the hole, which isolates the queue's effect.
    private static readonly TcpProfile NoSack = TcpProfile.Named("linux-6.18") with { TcpSack = false };

    private static Ladder Connected(TcpProfile profile)
    {
        var ladder = new Ladder(profile, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(50);
        return ladder;
    }

    [Fact]
    public void A_segment_past_a_hole_is_kept_and_acked_with_the_hole_once_the_rto_fills_it()
    {
        // Three segments at 100 ms, the second lost. The third is kept out of order and answered by a duplicate ACK at
        // once; the RTO (220 ms after the ACK at 120 ms) resends the second, and the ACK then covers all three.
        var ladder = Connected(NoSack);
        int before = ladder.Rungs.Count;
        ladder.LoseAll(C2S, s => s.Seq == ladder.ClientSeq(1449) && s.Length == 1448, fromMs: 100, untilMs: 101);
        ladder.Call(100, UserCall.ClientSend, bytes: 3 * 1448);
        ladder.RunUntil(2_000);

        Rung[] expected =
        [
            Lost(    100, C2S, Seg(TcpFlags.Ack, 1449, 1, 1448),  Established, Established),
            Arrives( 110, C2S, Seg(TcpFlags.Ack, 1, 1, 1448),     Established, Established),
            Arrives( 110, C2S, Data(2897, 1, 1448),               Established, Established),
            Arrives( 120, S2C, Ack(1, 1449),                      Established, Established),
            Arrives( 120, S2C, Ack(1, 1449),                      Established, Established),   // the duplicate
            Arrives( 350, C2S, Seg(TcpFlags.Ack, 1449, 1, 1448),  Established, Established),
            Arrives( 360, S2C, Ack(1, 4345),                      Established, Established),   // the hole filled
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
        Assert.Equal(1, ladder.Wire.Client.Counters[TcpExt.RetransSegs]);
    }

    [Fact]
    public void A_fin_past_a_hole_waits_in_the_queue_and_closes_the_connection_when_the_hole_fills()
    {
        // Two segments, then close(): the FIN follows alone. The first segment is lost, so the second and the FIN are
        // kept out of order and the server stays in ESTABLISHED until the resent first segment arrives (the RTO,
        // 220 ms); then data and FIN are taken together and ACKed at once.
        var ladder = Connected(NoSack);
        int before = ladder.Rungs.Count;
        ladder.LoseAll(C2S, s => s.Seq == ladder.ClientSeq(1) && s.Length == 1448, fromMs: 100, untilMs: 101);
        ladder.Call(100, UserCall.ClientSend, bytes: 2 * 1448);
        ladder.Call(100, UserCall.ClientClose);
        ladder.RunUntil(2_000);

        Rung[] expected =
        [
            Lost(    100, C2S, Seg(TcpFlags.Ack, 1, 1, 1448),  Established, Established),
            Arrives( 110, C2S, Data(1449, 1, 1448),            FinWait1,    Established),
            Arrives( 110, C2S, FinAck(2897, 1),                FinWait1,    Established),   // kept out of order
            Arrives( 120, S2C, Ack(1, 1),                      FinWait1,    Established),
            Arrives( 120, S2C, Ack(1, 1),                      FinWait1,    Established),
            Arrives( 330, C2S, Seg(TcpFlags.Ack, 1, 1, 1448),  FinWait1,    CloseWait),
            Arrives( 340, S2C, Ack(1, 2898),                   FinWait2,    CloseWait),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
        Assert.Equal(1, ladder.Wire.Client.Counters[TcpExt.RetransSegs]);
    }
}
