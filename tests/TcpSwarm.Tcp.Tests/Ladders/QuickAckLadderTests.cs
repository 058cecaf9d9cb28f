using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>Linux's delayed-ACK engine: quick-ACK mode, pingpong (interactive) mode and the ACK of a FIN.</summary>
public sealed class QuickAckLadderTests
{
    private static readonly TcpProfile Linux = TcpProfile.Named("linux-6.18");

    private static Ladder Connected()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(50);
        return ladder;
    }

    [Fact]
    public void A_fin_on_a_connection_that_carried_no_data_is_acked_at_the_next_tick()
    {
        // close-remote-fin-then-close: no data ever arrived, so the ATO is still 0 and tcp_send_delayed_ack puts the
        // timer at the next jiffy (1 ms at HZ 1000), not 40 ms later. The server's own close follows 10 ms later.
        var ladder = Connected();
        int before = ladder.Rungs.Count;
        ladder.Call(100, UserCall.ClientClose);
        ladder.Call(120, UserCall.ServerClose);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            Arrives( 110, C2S, FinAck(1, 1),  FinWait1, CloseWait),
            Arrives( 121, S2C, Ack(1, 2),     FinWait2, LastAck),
            Arrives( 130, S2C, FinAck(1, 2),  TimeWait, LastAck),
            Arrives( 140, C2S, Ack(2, 2),     TimeWait, Listen),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
    }

    [Fact]
    public void After_a_reply_the_server_is_interactive_and_the_ack_of_the_fin_waits_the_40_ms_delayed_ack()
    {
        // The request is the first data: quick-ACK mode ACKs it at once. The reply 1 ms later (within the ATO of the
        // request) makes the server interactive (tcp_event_data_sent); tcp_fin enters pingpong mode anyway, so the
        // ACK of the client's FIN waits for the 40 ms timer. The client, which sent before it ever received, is not
        // interactive: it ACKs the reply at once.
        var ladder = Connected();
        int before = ladder.Rungs.Count;
        ladder.Call(100, UserCall.ClientSend, bytes: 100);
        ladder.Call(111, UserCall.ServerSend, bytes: 100);
        ladder.Call(200, UserCall.ClientClose);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            Arrives( 110, C2S, Data(1, 1, 100),   Established, Established),
            Arrives( 120, S2C, Ack(1, 101),       Established, Established),
            Arrives( 121, S2C, Data(1, 101, 100), Established, Established),
            Arrives( 131, C2S, Ack(101, 101),     Established, Established),
            Arrives( 210, C2S, FinAck(101, 101),  FinWait1,    CloseWait),
            Arrives( 260, S2C, Ack(101, 102),     FinWait2,    CloseWait),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
    }

    [Fact]
    public void An_interactive_server_closing_within_the_delayed_ack_sends_its_fin_with_the_ack()
    {
        var ladder = Connected();
        int before = ladder.Rungs.Count;
        ladder.Call(100, UserCall.ClientSend, bytes: 100);
        ladder.Call(111, UserCall.ServerSend, bytes: 100);
        ladder.Call(200, UserCall.ClientClose);
        ladder.Call(220, UserCall.ServerClose);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            Arrives( 110, C2S, Data(1, 1, 100),   Established, Established),
            Arrives( 120, S2C, Ack(1, 101),       Established, Established),
            Arrives( 121, S2C, Data(1, 101, 100), Established, Established),
            Arrives( 131, C2S, Ack(101, 101),     Established, Established),
            Arrives( 210, C2S, FinAck(101, 101),  FinWait1,    CloseWait),
            Arrives( 230, S2C, FinAck(101, 102),  TimeWait,    LastAck),
            Arrives( 240, C2S, Ack(102, 102),     TimeWait,    Listen),
        ];
        Assert.Equal(expected, ladder.Rungs[before..]);
    }

    [Fact]
    public void Sixteen_quick_acks_answer_the_first_segments_at_once_and_the_seventeenth_waits_40_ms()
    {
        // tcp_incr_quickack: min(rcv_wnd / (2 · rcv_mss), 16) = 16 quick ACKs, spent one per ACK of new data. The
        // writes are 100 ms apart: shorter than the RTO, so no gap restarts quick-ACK mode.
        var ladder = Connected();
        int before = ladder.Rungs.Count;
        for (int i = 0; i < 17; i++) ladder.Call(100 + 100 * i, UserCall.ClientSend, bytes: 100);
        ladder.RunUntil(3_000);

        var expected = new List<Rung>();
        for (uint i = 0; i < 17; i++)
        {
            long sent = 100 + 100 * i;
            expected.Add(Arrives(sent + 10, C2S, Data(1 + 100 * i, 1, 100), Established, Established));
            expected.Add(Arrives(sent + (i < 16 ? 20 : 60), S2C, Ack(1, 101 + 100 * i), Established, Established));
        }
        Assert.Equal(expected, ladder.Rungs[before..]);
    }

    [Fact]
    public void Missed_delayed_acks_inflate_the_ato_up_to_the_srtt_once_quick_acks_are_spent()
    {
        // RTT 200 ms, RTO 600 ms. Lone writes every 500 ms: 16 quick ACKs, then delayed ACKs. Each timer that fires
        // outside pingpong doubles the ATO (tcp_delack_timer_handler), and tcp_send_delayed_ack bounds it by the SRTT
        // (200 ms): the ACK waits 40, 80, 160, then 200 ms.
        var ladder = new Ladder(Linux, oneWayMs: 100);
        ladder.Open(atMs: 0);
        ladder.RunUntil(500);
        int before = ladder.Rungs.Count;
        for (int i = 0; i < 21; i++) ladder.Call(1_000 + 500 * i, UserCall.ClientSend, bytes: 100);
        ladder.RunUntil(20_000);

        long[] delays = [.. Enumerable.Repeat(0L, 16), 40, 80, 160, 200, 200];
        var expected = new List<Rung>();
        for (uint i = 0; i < 21; i++)
        {
            long arrives = 1_100 + 500 * i;
            expected.Add(Arrives(arrives, C2S, Data(1 + 100 * i, 1, 100), Established, Established));
            expected.Add(Arrives(arrives + delays[i] + 100, S2C, Ack(1, 101 + 100 * i), Established, Established));
        }
        Assert.Equal(expected, ladder.Rungs[before..]);
    }
}
