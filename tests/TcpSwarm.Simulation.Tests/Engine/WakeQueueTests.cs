using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Tests.Engine;

/// <summary>A host's one wake queue: every kind of wake-up comes back as the event it was, in 24 bytes or less, and
/// an endpoint's timer wakes it only at the deadline it last reported.</summary>
public sealed class WakeQueueTests
{
    private static readonly uint Host = Ipv4.Parse("10.0.0.1");
    private static readonly uint Peer = Ipv4.Parse("10.0.1.10");
    private static readonly Instant At = Instant.FromSeconds(60);

    private static HostEvent Compact(HostTimerKind kind, ushort port, long seq) =>
        new(HostEventKind.HostTimer, At, Host, seq,
            Timer: new HostTimer(kind, new SocketPair(Host, port, Peer, 80), TimerEdit.Set(At)));

    [Fact]
    public void Each_kind_of_wake_up_comes_back_as_the_event_it_was()
    {
        HostEvent[] events =
        [
            Compact(HostTimerKind.TimeWait, 40_000, 1),
            Compact(HostTimerKind.Request, 65_535, 2),
            new(HostEventKind.EndpointTimer, At, Host, 3, Slot: 7, EndpointTimer: EndpointTimerKind.DelayedAck),
            new(HostEventKind.EndpointTimer, At, Host, 4, Slot: 1_000_000, EndpointTimer: EndpointTimerKind.App),
            new(HostEventKind.Connect, At, Host, 5, Slot: 1, Server: 12),
            new(HostEventKind.Connect, At, Host, 6),
            new(HostEventKind.AcceptTick, At, Host, 1L << 40, Server: 3),
        ];
        var queue = new WakeQueue(Host);
        foreach (var e in events) queue.Queue(in e);
        Assert.Equal(2, queue.CompactTimers);
        var taken = new List<HostEvent>();
        queue.TakeDue(At, taken);                                  // due at the window's end: not yet
        Assert.Empty(taken);
        queue.TakeDue(At + TimeSpan.FromTicks(1), taken);
        taken.Sort();
        Assert.Equal(events, taken);
        Assert.Equal(0, queue.CompactTimers);
    }

    [Fact]
    public void An_entry_takes_at_most_24_bytes() => Assert.InRange(WakeQueue.EntryBytes, 1, 24);

    [Fact]
    public void A_timer_of_another_hosts_entry_is_refused()
    {
        var e = new HostEvent(HostEventKind.HostTimer, At, Host, 1,
            Timer: new HostTimer(HostTimerKind.TimeWait, new SocketPair(Peer, 80, Host, 40_000), TimerEdit.Set(At)));
        Assert.Throws<InvalidOperationException>(() => new WakeQueue(Host).Queue(in e));
    }

    [Fact]
    public void An_endpoint_timer_wakes_its_endpoint_only_at_the_deadline_it_last_reported()
    {
        var queue = new WakeQueue(Host);
        var first = Instant.FromMilliseconds(200);
        var later = Instant.FromMilliseconds(300);
        Assert.Equal(first, queue.Edited(0, EndpointTimerKind.Retransmit, first));      // queue an entry
        Assert.Equal(Instant.Never, queue.Edited(0, EndpointTimerKind.Retransmit, later)); // the 200 ms one comes first
        Assert.False(queue.Due(0, EndpointTimerKind.Retransmit, first, out var requeue));
        Assert.Equal(later, requeue);                              // the deadline moved: wait for it
        Assert.True(queue.Due(0, EndpointTimerKind.Retransmit, later, out _));
        Assert.False(queue.Due(0, EndpointTimerKind.Retransmit, later, out requeue));   // it fired once
        Assert.Equal(Instant.Never, requeue);
    }

    [Fact]
    public void A_cancelled_or_ended_timer_wakes_nobody()
    {
        var queue = new WakeQueue(Host);
        var at = Instant.FromMilliseconds(40);
        queue.Edited(3, EndpointTimerKind.DelayedAck, at);
        queue.Edited(3, EndpointTimerKind.DelayedAck, Instant.Never);                 // cancelled
        Assert.False(queue.Due(3, EndpointTimerKind.DelayedAck, at, out var requeue));
        Assert.Equal(Instant.Never, requeue);
        queue.Edited(4, EndpointTimerKind.FinWait2, at);
        queue.Ended(4);                                                               // the connection ended
        Assert.False(queue.Due(4, EndpointTimerKind.FinWait2, at, out requeue));
        Assert.Equal(Instant.Never, requeue);
    }
}
