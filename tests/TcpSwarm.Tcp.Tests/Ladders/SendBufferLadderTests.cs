namespace TcpSwarm.Tcp.Tests.Ladders;

/// <summary>SO_SNDBUF (sock_setsockopt) and the send-buffer limit of tcp_sendmsg_locked (sk_stream_memory_free,
/// sk_stream_is_writeable).</summary>
public sealed class SendBufferLadderTests
{
    private const int WmemMax = 212_992;

    [Theory]
    [InlineData(8_000, 16_000)]                      // doubled for the kernel's bookkeeping
    [InlineData(1_000, 4_608)]                       // never below SOCK_MIN_SNDBUF
    [InlineData(1_000_000, 425_984)]                 // at most net.core.wmem_max, doubled
    public void So_sndbuf_is_the_value_doubled_within_linux_bounds(int requested, int sndbuf)
    {
        var ladder = Connected();
        var client = ladder.Wire.TcbOf(0, ladder.Conn().Tuple)!;
        client.SetSendBuffer(requested, WmemMax);
        Assert.Equal(sndbuf, client.SendBuffer);
    }

    [Fact]
    public void A_write_takes_one_size_goal_skb_then_waits_until_the_queue_drains_to_two_thirds_of_the_buffer()
    {
        var ladder = Connected();
        var client = ladder.Wire.TcbOf(0, ladder.Conn().Tuple)!;
        Assert.Equal(1 << 30, client.SendSpace);     // without SO_SNDBUF only the 1 GiB bound (Linux autotunes)
        client.SetSendBuffer(8_000, WmemMax);

        // The server's window is 64,256 bytes, so the size goal is half of it in whole 1448-byte MSS: 22 × 1448.
        // An empty queue is under the 16,000-byte buffer, so one such skb is taken, and nothing more.
        Assert.Equal(31_856, client.SendSpace);
        ladder.Call(100, UserCall.ClientSend, bytes: 31_856);
        ladder.RunUntil(100);
        // Ten MSS left at once; the unsent rest of the skb may still be topped up to the size goal (no memory check
        // for the tail skb), but the queue is far over the buffer: a blocked writer is not woken.
        Assert.Equal((14_480, false), (client.SendSpace, client.Writable));
        ladder.RunUntil(2_000);
        Assert.Equal((client.SndNxt, true), (client.SndUna, client.Writable));
        Assert.Equal(31_856, client.SendSpace);
    }

    private static Ladder Connected()
    {
        var ladder = new Ladder(TcpProfile.Named("linux-6.18"), oneWayMs: 10);
        ladder.Open(atMs: 0);
        ladder.RunUntil(50);
        return ladder;
    }
}
