using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

/// <summary>PAWS in tcp_validate_incoming as each kernel version does it: old ACKs, disordered ACKs,
/// counters.</summary>
public sealed class PawsTests
{
    private static Segment WithTimestamp(Ladder wire, Segment seg, uint serverMs) =>
        seg with { Options = TcpOptions.Timestamps, TsVal = serverMs + wire.ServerTsOffset, TsEcr = 0 };

    [Theory]
    [InlineData("linux-6.18", true)]
    [InlineData("linux-6.1", false)]
    public void An_old_pure_ack_failing_paws_is_dropped_silently_from_6_14_and_answered_with_a_dupack_before(
        string profile, bool silent)
    {
        // The server's data at 50 ms sets ts_recent to its TSval 50; then an ACK from before that data (SEQ 1,
        // below RCV.NXT 101) arrives late with TSval 20. 6.14's tcp_disordered_ack_check calls it PAWS_ACK: counted as
        // PAWSOldAck and dropped; 6.1 counts PAWSEstab and sends a duplicate ACK.
        var wire = Ladder.Established(TcpProfile.Named(profile));
        wire.At(50, Side.Server, (tcb, now) => tcb.Send(100, now));
        wire.Inject(atMs: 100, Dir.S2C, WithTimestamp(wire, wire.FromServer(TcpFlags.Ack, 1, 1, window: 502), 20));
        wire.RunUntil(ms: 1_000);

        var expected = new List<Rung>
        {
            Arrives(  60,  S2C, Data(seq: 1, ack: 1, len: 100),  Established,  Established),
            Arrives(  70,  C2S, Ack(seq: 1, ack: 101),           Established,  Established),
            Arrives( 100,  S2C, Ack(seq: 1, ack: 1),             Established,  Established),
        };
        if (!silent) expected.Add(Arrives(110, C2S, Ack(seq: 1, ack: 101), Established, Established));
        Assert.Equal(expected, wire.Rungs);
        var c = wire.Counters(Side.Client);
        Assert.Equal((silent ? 1L : 0L, silent ? 0L : 1L), (c[TcpExt.PAWSOldAck], c[TcpExt.PAWSEstab]));
    }

    [Theory]
    [InlineData("linux-6.18")]
    [InlineData("linux-6.1")]
    public void A_reordered_duplicate_ack_within_the_replay_window_passes_paws(string profile)
    {
        // The server's quick ACK of the client's data (TSval 60) arrives; then a copy of it with TSval 55, as if an
        // earlier duplicate was reordered: at RCV.NXT, acking SND.UNA, the same window, 5 ms behind ts_recent, within
        // an RTO's worth of ticks. tcp_disordered_ack lets it through: no counter, no reply.
        var wire = Ladder.Established(TcpProfile.Named(profile));
        wire.At(50, Side.Client, (tcb, now) => tcb.Send(100, now));
        wire.Inject(atMs: 100, Dir.S2C, WithTimestamp(wire, wire.FromServer(TcpFlags.Ack, 1, 101, window: 510), 55));
        wire.RunUntil(ms: 1_000);

        Rung[] expected =
        [
            Arrives(  60,  C2S, Data(seq: 1, ack: 1, len: 100),  Established,  Established),
            Arrives(  70,  S2C, Ack(seq: 1, ack: 101),           Established,  Established),
            Arrives( 100,  S2C, Ack(seq: 1, ack: 101),           Established,  Established),
        ];
        Assert.Equal(expected, wire.Rungs);
        var c = wire.Counters(Side.Client);
        Assert.Equal((0L, 0L), (c[TcpExt.PAWSOldAck], c[TcpExt.PAWSEstab]));
    }
}
