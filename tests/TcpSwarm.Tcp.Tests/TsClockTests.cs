namespace TcpSwarm.Tcp.Tests;

/// <summary>RFC 7323 §5.4: our TSval is a 1 ms clock plus the connection's offset, modulo 2^32.</summary>
public sealed class TsClockTests
{
    [Fact]
    public void TSval_is_the_millisecond_clock_plus_the_offset_and_wraps_at_two_to_the_32()
    {
        Assert.Equal(1_234u + 7u, TsClock.TsVal(Instant.FromMilliseconds(1_234), 7));
        Assert.Equal(4u, TsClock.TsVal(Instant.FromMilliseconds(10), uint.MaxValue - 5));
        Assert.Equal(3u, TsClock.TsVal(Instant.FromMilliseconds((1L << 32) + 3), 0));
    }
}
