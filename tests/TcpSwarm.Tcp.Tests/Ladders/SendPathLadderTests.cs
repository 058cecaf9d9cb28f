using static TcpSwarm.TestSupport.Ladders.Rungs;

namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>How a write leaves: segment sizes (tcp_current_mss) and PSH (tcp_push, __tcp_transmit_skb).</summary>
public sealed class SendPathLadderTests
{
    [Theory]
    [InlineData(true, 1448)]                         // tcp_mtu_to_mss subtracts the 12-byte timestamp option
    [InlineData(false, 1460)]
    public void Data_segments_are_the_mss_less_the_timestamp_option(bool timestamps, int mss)
    {
        var profile = TcpProfile.Named("linux-6.18") with { TcpTimestamps = timestamps ? 1 : 0 };
        var (ladder, data) = Capture(profile);
        ladder.Open(atMs: 0);
        ladder.Call(100, UserCall.ClientSend, bytes: 3000);
        ladder.RunUntil(1_000);

        // One burst of three: the last piece empties the queue and carries PSH.
        Assert.Equal([Seg(TcpFlags.Ack, 1, 1, mss), Seg(TcpFlags.Ack, (uint)(1 + mss), 1, mss),
                Seg(TcpFlags.Psh | TcpFlags.Ack, (uint)(1 + 2 * mss), 1, 3000 - 2 * mss)],
            data.Select(s => Seg(s.Flags, unchecked(s.Seq.Value - ladder.ClientIsn!.Value), 1, s.Length)));
        var client = ladder.Wire.TcbOf(0, ladder.Conn().Tuple)!;
        Assert.Equal((mss, mss), (client.MaxSegment, client.Info(ladder.Wire.Now).SndMss));
    }

    [Fact]
    public void A_write_larger_than_the_window_puts_psh_on_the_last_segment_the_window_lets_out()
    {
        // 20,000 bytes against the initial window of ten 1460-byte segments: Linux sends one TSO packet of ten MSS and
        // forces PSH on it (tcp_skb_pcount > 1), which GSO leaves on its last piece; the rest waits for ACKs.
        var (ladder, data) = Capture(TcpProfile.Named("linux-6.18") with { TcpTimestamps = 0 });
        ladder.Open(atMs: 0);
        ladder.LoseAll(Dir.S2C, Ladder.IsPureAck, fromMs: 100);
        ladder.Call(100, UserCall.ClientSend, bytes: 20_000);
        ladder.RunUntil(130);

        Assert.Equal(10, data.Count);
        Assert.All(data.Take(9), s => Assert.Equal(TcpFlags.Ack, s.Flags));
        Assert.Equal((TcpFlags.Psh | TcpFlags.Ack, (ushort)1460), (data[9].Flags, data[9].Length));
    }

    [Fact]
    public void A_lone_segment_is_not_forced_to_carry_psh()
    {
        // One MSS left in the window of a longer write: a packet of one MSS gets no forced PSH (pcount 1).
        var (ladder, data) = Capture(TcpProfile.Named("linux-6.18") with { TcpTimestamps = 0 });
        ladder.Open(atMs: 0);
        ladder.LoseAll(Dir.S2C, Ladder.IsPureAck, fromMs: 100);
        ladder.Call(100, UserCall.ClientSend, bytes: 9 * 1460);
        ladder.Call(101, UserCall.ClientSend, bytes: 3 * 1460);
        ladder.RunUntil(130);

        Assert.Equal(10, data.Count);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, data[8].Flags);   // the first write emptied the queue
        Assert.Equal(TcpFlags.Ack, data[9].Flags);                  // alone in its burst, two more MSS still queued
    }

    // The ladder and the client's data segments as they leave.
    private static (Ladder Ladder, List<Segment> Data) Capture(TcpProfile profile)
    {
        var ladder = new Ladder(profile, oneWayMs: 10);
        var data = new List<Segment>();
        var record = ladder.Wire.OnSegment!;
        ladder.Wire.OnSegment = (seg, dir, lost, injected) =>
        {
            if (dir == Dir.C2S && seg.Length > 0) data.Add(seg);
            record(seg, dir, lost, injected);
        };
        return (ladder, data);
    }
}
