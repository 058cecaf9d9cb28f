using TcpSwarm.Tcp;

namespace TcpSwarm.Grains.Tests;

/// <summary>A peer's messages are read in the order it sent them, whatever order Orleans delivers them in: no promise
/// is read before the arrivals sent ahead of it.</summary>
public sealed class PeerMessageOrderTests
{
    private static readonly byte[] First = [1], Second = [2], Third = [3];

    [Fact]
    public void Messages_that_overtake_an_earlier_one_wait_for_it()
    {
        var order = new PeerMessageOrder(peers: 2);
        Assert.Empty(order.Take(from: 1, seq: 2, Instant.FromMilliseconds(30), Third));
        Assert.Empty(order.Take(from: 1, seq: 1, Instant.FromMilliseconds(20), Second));
        var ready = order.Take(from: 1, seq: 0, Instant.FromMilliseconds(10), First);
        Assert.Equal([First, Second, Third], ready.Select(m => m.Payload));
        Assert.Equal([10L, 20, 30], ready.Select(m => m.Through.Milliseconds));
    }

    [Fact]
    public void Each_peer_is_numbered_on_its_own()
    {
        var order = new PeerMessageOrder(peers: 2);
        Assert.Single(order.Take(from: 0, seq: 0, Instant.Zero, First));
        Assert.Single(order.Take(from: 1, seq: 0, Instant.Zero, First));
        Assert.Empty(order.Take(from: 0, seq: 2, Instant.Zero, Third));
        Assert.Single(order.Take(from: 1, seq: 1, Instant.Zero, Second));
    }

    [Fact]
    public void A_message_that_comes_twice_is_refused()
    {
        var order = new PeerMessageOrder(peers: 1);
        order.Take(from: 0, seq: 0, Instant.Zero, First);
        Assert.Throws<InvalidOperationException>(() => order.Take(from: 0, seq: 0, Instant.Zero, First));
        order.Take(from: 0, seq: 2, Instant.Zero, Third);
        Assert.Throws<InvalidOperationException>(() => order.Take(from: 0, seq: 2, Instant.Zero, Third));
    }
}
