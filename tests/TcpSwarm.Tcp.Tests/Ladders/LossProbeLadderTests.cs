using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>RACK-TLP's tail loss probe (tcp_schedule_loss_probe, tcp_send_loss_probe) before the RTO's
/// backoff.</summary>
public sealed class LossProbeLadderTests
{
    private static readonly TcpProfile Linux = TcpProfile.Named("linux-6.18");

    public static TheoryData<bool, long[], long, long> Sends => new()
    {
        // SACK agreed: the probe at 220 ms (the RTO caps 2·SRTT + 200 ms), then the RTO restarts unbacked: 7 sends in
        // 8 s, as the kernel sends (the held-out calibration count, 12 clients × 7 = 84 cookie receipts).
        { true, [100, 320, 540, 980, 1_860, 3_620, 7_140], 1, 5 },
        // Without SACK there is no probe (tcp_is_sack): the RTO alone, 6 sends in 8 s.
        { false, [100, 320, 760, 1_640, 3_400, 6_920], 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Sends))]
    public void An_unacknowledged_one_byte_write_is_probed_once_then_resent_on_the_doubling_rto(
        bool sack, long[] sentAtMs, long probes, long timeouts)
    {
        var ladder = new Ladder(Linux with { TcpSack = sack }, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.LoseAll(C2S, s => s.Length > 0);
        ladder.Call(100, UserCall.ClientSend, bytes: 1);
        ladder.RunUntil(8_099);

        var expected = Array.ConvertAll(sentAtMs, ms => Lost(ms, C2S, Data(1, 1, 1), Established, Established));
        Assert.Equal(expected, ladder.Rungs[3..]);
        var counters = ladder.Wire.Client.Counters;
        Assert.Equal((probes, timeouts, sentAtMs.Length - 1L),
            (counters[TcpExt.TCPLossProbes], counters[TcpExt.TCPTimeouts], counters[TcpExt.RetransSegs]));
    }

    [Fact]
    public void With_several_segments_in_flight_the_probe_waits_two_srtt_and_resends_the_newest_segment()
    {
        // Two segments at 100 ms, the second lost. The first is ACKed at 120 ms, leaving one in flight: the probe
        // timeout is min(2·SRTT + 200 ms, RTO) = 220 ms from that ACK, and the probe resends the newest segment.
        var ladder = new Ladder(Linux, oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(50);
        ladder.LoseAll(C2S, s => s.Length == 1448 && s.Has(TcpFlags.Psh), fromMs: 100, untilMs: 101);
        ladder.Call(100, UserCall.ClientSend, bytes: 2 * 1448);
        ladder.RunUntil(1_000);

        Rung[] expected =
        [
            Lost(    100, C2S, Data(1449, 1, 1448),            Established, Established),
            Arrives( 110, C2S, Seg(TcpFlags.Ack, 1, 1, 1448),  Established, Established),
            Arrives( 120, S2C, Ack(1, 1449),                   Established, Established),
            Arrives( 350, C2S, Data(1449, 1, 1448),            Established, Established),
            Arrives( 360, S2C, Ack(1, 2897),                   Established, Established),
        ];
        Assert.Equal(expected, ladder.Rungs[3..]);
        Assert.Equal(1, ladder.Wire.Client.Counters[TcpExt.TCPLossProbes]);
    }
}
