using static TcpSwarm.Tcp.TcpState;
using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Tcbs;

/// <summary>TCP_USER_TIMEOUT, TCP_MAXSEG and TCP_INFO on a Tcb, as a packetdrill script would use them.</summary>
public sealed class SocketOptionTests
{
    private static readonly TcpProfile Linux618 = TcpProfile.Named("linux-6.18");

    [Fact]
    public void Tcp_user_timeout_ends_an_unanswered_write_at_the_timeout_with_the_last_rto_clamped_to_it()
    {
        // 1 s: the probe at 320 ms, RTOs at 540 and 980 ms; the RTO after that (880 ms) is clamped to what is left of
        // the second since the first sending at 100 ms, so the connection gives up at 1100 ms with ETIMEDOUT.
        var wire = Ladder.Established(Linux618);
        Assert.True(wire.Client.SetUserTimeout(TimeSpan.FromSeconds(1)));
        wire.LoseEvery(Dir.C2S, TcpFlags.Psh | TcpFlags.Ack);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1, now));
        wire.RunUntil(ms: 10_000);

        long[] sentAtMs = [100, 320, 540, 980];
        Assert.Equal(Array.ConvertAll(sentAtMs, ms => Lost(ms, C2S, Data(1, 1, 1), Established, Established)),
            wire.Rungs);
        Assert.Equal([new StepEvents(1_100, TcbEvents.Closed, TcpError.TimedOut)], wire.Events(Side.Client));
        Assert.Equal(TimeSpan.FromSeconds(1), wire.Client.UserTimeout);
    }

    [Fact]
    public void Tcp_user_timeout_refuses_a_negative_value()
    {
        var tcb = new Ladder(Linux618).Socket();
        Assert.False(tcb.SetUserTimeout(TimeSpan.FromMilliseconds(-1)));
        Assert.Equal(TimeSpan.Zero, tcb.UserTimeout);
    }

    [Fact]
    public void Tcp_maxseg_set_before_connect_lowers_the_syns_mss_and_the_segments_sent()
    {
        var wire = new Ladder(Linux618);
        wire.Socket();
        Assert.Equal(536, wire.Client.MaxSegment);                  // before connect(): TCP_MSS_DEFAULT
        Assert.True(wire.Client.SetMaxSegment(1000));
        Assert.False(wire.Client.SetMaxSegment(87));                 // below TCP_MIN_MSS: EINVAL
        wire.OpenSocket(atMs: 0);
        wire.RunUntil(ms: 50);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(1500, now));
        wire.RunUntil(ms: 1_000);

        // The segments carry timestamps, so 1000 − 12 bytes of data each (tcp_mtu_to_mss), as getsockopt says.
        Assert.Equal(988, wire.Client.MaxSegment);
        Rung[] expected =
        [
            Arrives(110, C2S, Seg(TcpFlags.Ack, 1, 1, len: 988),  Established, Established),
            Arrives(110, C2S, Data(seq: 989, ack: 1, len: 512),     Established, Established),
        ];
        Assert.Equal(expected, wire.Rungs.Where(r => r.AtMs >= 100 && r.Dir == C2S));
        Assert.Equal((ushort)1000, wire.ClientSyn.Mss);
        Assert.Equal((ushort)65000, wire.ClientSyn.Window);          // 65536 rounded down to 65 × 1000
    }

    [Fact]
    public void Tcp_info_reports_state_rto_options_mss_and_the_times_since_the_last_data_and_ack()
    {
        var wire = Ladder.Established(Linux618);
        wire.At(100, Side.Client, (tcb, now) => tcb.Send(100, now));
        wire.At(200, Side.Server, (tcb, now) => tcb.Send(300, now));
        wire.RunUntil(ms: 1_000);

        var info = wire.Client.Info(Instant.FromMilliseconds(1_000));
        Assert.Equal((Established, (byte)0, (byte)0, (byte)7, (byte)7, (byte)7),
            (info.State, info.CaState, info.Retransmits, info.Options, info.SndWscale, info.RcvWscale));
        Assert.Equal((220_000L, 1448, 0), (info.RtoUs, info.SndMss, info.Unacked));   // 1460 less timestamps
        // Data sent at 100, the server's reply (which carries an ACK, rcv_tstamp) received at 210.
        Assert.Equal((900L, 790L, 790L), (info.LastDataSentMs, info.LastDataRecvMs, info.LastAckRecvMs));
        Assert.Equal((100L, 300L, 0), (info.BytesAcked, info.BytesReceived, info.TotalRetrans));
        Assert.Equal(40_000L, info.AtoUs);                           // TCP_ATO_MIN once data arrived
        Assert.Equal(536, info.RcvMss);                              // 300 bytes never raised the first guess
    }
}
