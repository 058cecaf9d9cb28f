namespace TcpSwarm.Tcp.Tests.Listeners;

/// <summary>The scheduler's test twin for one listener: delivers, fires request timers, logs what left.</summary>
/// <remarks>Timers fire in (deadline, arming order); a Set replaces a tuple's deadline, Cancel removes it.</remarks>
internal sealed class ListenerDriver(Listener listener)
{
    private readonly Dictionary<SocketPair, (Instant Deadline, long Order)> _timers = [];
    private long _order;

    public Listener Listener { get; } = listener;
    public Instant Now { get; private set; }

    /// <summary>Every segment the listener sent, with when.</summary>
    public List<(Instant At, Segment Segment)> Sent { get; } = [];

    /// <summary>Every step that did something, with when (a stale timer or a dropped stray is not logged).</summary>
    public List<(Instant At, ListenerOutcome Outcome, SocketPair Request)> Outcomes { get; } = [];

    public IReadOnlyDictionary<SocketPair, (Instant Deadline, long Order)> Timers => _timers;

    /// <summary>Called with every step (timer firings too) before the driver applies it.</summary>
    public Action<ListenerStep, Instant>? Observe { get; set; }

    public ListenerStep Deliver(in Segment seg, Instant at, bool peerProven = false, SeqNum? twIsn = null,
        uint tsOffset = ListenerFixture.TsOffset)
    {
        RunUntil(at);
        var step = Listener.Handle(in seg, at, peerProven, twIsn, tsOffset);
        Apply(in step, at);
        return step;
    }

    /// <summary>Fires every request timer due at or before `until`, in order, then stands at `until`.</summary>
    public void RunUntil(Instant until)
    {
        Assert.True(until >= Now, "time runs forward");
        while (TryNextTimer(until, out var tuple, out var deadline))
        {
            Now = deadline;
            var step = Listener.OnTimer(in tuple, deadline);
            Assert.NotEqual(ListenerOutcome.None, step.Outcome);   // the driver only fires live deadlines
            Apply(in step, deadline);
        }
        Now = until;
    }

    /// <summary>The times the listener sent segments for one client port.</summary>
    public Instant[] SentTo(ushort clientPort) =>
        [.. Sent.Where(s => s.Segment.DstPort == clientPort).Select(s => s.At)];

    private bool TryNextTimer(Instant until, out SocketPair tuple, out Instant deadline)
    {
        tuple = default;
        deadline = Instant.Never;
        long order = long.MaxValue;
        foreach (var (t, (d, o)) in _timers)
        {
            if (d > until || d > deadline || (d == deadline && o > order)) continue;
            (tuple, deadline, order) = (t, d, o);
        }
        return deadline != Instant.Never;
    }

    private void Apply(in ListenerStep step, Instant at)
    {
        Observe?.Invoke(step, at);
        foreach (var seg in step.Sends) Sent.Add((at, seg));
        if (step.Outcome != ListenerOutcome.None) Outcomes.Add((at, step.Outcome, step.Request));
        if (step.RequestTimer.Action == TimerAction.Set)
        {
            Assert.True(step.RequestTimer.Deadline > at, "a request timer is set in the future");
            _timers[step.Request] = (step.RequestTimer.Deadline, ++_order);
        }
        else if (step.RequestTimer.Action == TimerAction.Cancel) _timers.Remove(step.Request);
    }
}
