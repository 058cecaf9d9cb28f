using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>A shut peer window: the zero-window probe (tcp_probe_timer, tcp_send_probe0, tcp_ack_probe), the
/// receive-window-limited chronograph, and tcp_snd_wnd_test's whole-segment rule.</summary>
public sealed class ZeroWindowLadderTests
{
    private static readonly TcpProfile Linux = TcpProfile.Named("linux-6.18") with { TcpTimestamps = 0 };

    // Connected by 30 ms (RTT 20 ms, so an RTO of 220 ms); the server's window is then announced shut by an injected
    // ACK that reaches the client at 60 ms.
    private static (Ladder Ladder, int Before) ShutWindow()
    {
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(50);
        var client = ladder.Conn().Tuple;
        var server = ladder.Wire.TcbOf(1, client.Reversed)!;
        ladder.Wire.Inject(new Segment(client.RemoteAddr, client.RemotePort, client.LocalAddr, client.LocalPort,
            server.SndNxt, server.RcvNxt, TcpFlags.Ack, Window: 0, Length: 0), Dir.S2C);
        ladder.RunUntil(99);
        return (ladder, ladder.Rungs.Count);
    }

    [Fact]
    public void Data_held_by_a_zero_window_is_probed_after_the_rto_and_the_answer_opening_the_window_lets_it_out()
    {
        var (ladder, before) = ShutWindow();
        ladder.Call(100, UserCall.ClientSend, bytes: 1000);
        ladder.RunUntil(1_000);

        // Nothing at 100 ms; the probe at 100 + 220 ms is an ACK one below SND.UNA, which the server must answer
        // (a duplicate ACK carrying its open window); the data then leaves at once, PSH on it.
        Rung[] expected =
        [
            Arrives( 60, S2C, Ack(1, 1),                Established, Established),
            Arrives(330, C2S, Ack(0, 1),                Established, Established),
            Arrives(340, S2C, Ack(1, 1),                Established, Established),
            Arrives(350, C2S, Data(1, 1, 1000),         Established, Established),
            Arrives(360, S2C, Ack(1, 1001),             Established, Established),
        ];
        Assert.Equal(expected, ladder.Rungs[(before - 1)..]);
        // tcpi_rwnd_limited: from the write (100 ms) to the window opening (340 ms); busy until the ACK at 360 ms.
        var info = ladder.Wire.TcbOf(0, ladder.Conn().Tuple)!.Info(ladder.Wire.Now);
        Assert.Equal((240_000L, 260_000L, (byte)0, (byte)0),
            (info.RwndLimitedUs, info.BusyTimeUs, info.Probes, info.Backoff));
    }

    [Fact]
    public void Unanswered_probes_back_off_doubling_and_count_in_tcpi_probes()
    {
        var (ladder, _) = ShutWindow();
        ladder.LoseAll(S2C, _ => true, fromMs: 100);
        ladder.Call(100, UserCall.ClientSend, bytes: 1000);
        ladder.RunUntil(2_000);

        // Probes at 320, 760 (+440) and 1,640 ms (+880): tcp_probe0_when doubles the RTO with icsk_backoff.
        var probes = ladder.Rungs.Where(r => r.Dir == C2S && r.AtMs > 100).Select(r => (r.AtMs, r.Segment));
        Assert.Equal([(330L, Ack(0, 1)), (770L, Ack(0, 1)), (1_650L, Ack(0, 1))], probes);
        var info = ladder.Wire.TcbOf(0, ladder.Conn().Tuple)!.Info(ladder.Wire.Now);
        Assert.Equal(((byte)3, (byte)3, 1_900_000L), (info.Probes, info.Backoff, info.RwndLimitedUs));
    }

    [Fact]
    public void A_segment_that_does_not_fit_the_window_whole_waits_for_the_probe()
    {
        // The window opens to 128 bytes only (at 109 ms): tcp_snd_wnd_test keeps the 1000-byte segment back (no
        // sender-side silly window), tcp_ack_probe sets the probe timer again from that ACK (+220 ms), and its
        // tcp_write_wakeup then sends the 128 bytes that fit, PSH on them (sent at 329 ms, arriving at 339 ms).
        var (ladder, before) = ShutWindow();
        var client = ladder.Conn().Tuple;
        var server = ladder.Wire.TcbOf(1, client.Reversed)!;
        ladder.LoseAll(S2C, _ => true, fromMs: 101);
        ladder.Call(100, UserCall.ClientSend, bytes: 1000);
        ladder.Wire.Inject(new Segment(client.RemoteAddr, client.RemotePort, client.LocalAddr, client.LocalPort,
            server.SndNxt, server.RcvNxt, TcpFlags.Ack, Window: 1, Length: 0), Dir.S2C);   // 1 << 7 = 128 bytes
        ladder.RunUntil(400);

        var sent = ladder.Rungs.Skip(before).Where(r => r.Dir == C2S).Select(r => (r.AtMs, r.Segment));
        Assert.Equal([(339L, Data(1, 1, 128))], sent);
    }
}
