using TcpSwarm.Tcp;

namespace TcpSwarm.TestSupport.Ladders;

public sealed partial class Wire
{
    /// <summary>The timestamp offset the listener gives a request when a test that drives it names none.</summary>
    public const uint DefaultTsOffset = 7000;

    private readonly Dictionary<SocketPair, (Instant Deadline, long Order)> _requestTimers = [];
    private long _requestOrder;

    /// <summary>Every segment the listener sent to a test that drives it directly, with when (none is put on the
    /// wire: the test is the peer).</summary>
    public List<(Instant At, Segment Segment)> ListenerSent { get; } = [];

    /// <summary>Every listener step that did something, with when (a stale timer or a dropped stray is not
    /// logged).</summary>
    public List<(Instant At, ListenerOutcome Outcome, SocketPair Request)> ListenerOutcomes { get; } = [];

    /// <summary>The request timers armed by the directly driven listener: a Set replaces a request's deadline, a
    /// Cancel removes it; due ones fire in (deadline, arming order).</summary>
    public IReadOnlyDictionary<SocketPair, (Instant Deadline, long Order)> RequestTimers => _requestTimers;

    /// <summary>Called with every step of the directly driven listener (timer firings too) before the wire applies
    /// it.</summary>
    public Action<ListenerStep, Instant>? OnListenerStep { get; set; }

    /// <summary>Drives the server's listener directly with a segment the test crafted, at that instant (after every
    /// event due by then), naming what the host would: whether the peer is proven, a TIME_WAIT record's ISN and the
    /// timestamp offset.</summary>
    public ListenerStep ToListener(in Segment seg, Instant at, bool peerProven = false, SeqNum? twIsn = null,
        uint tsOffset = DefaultTsOffset)
    {
        Assert.True(at >= Now, "time runs forward");
        RunUntil(at);
        var step = Listener.Handle(in seg, at, peerProven, twIsn, tsOffset);
        ApplyListener(in step);
        return step;
    }

    /// <summary>The times the directly driven listener sent segments to one client port.</summary>
    public Instant[] ListenerSentTo(ushort clientPort) =>
        [.. ListenerSent.Where(s => s.Segment.DstPort == clientPort).Select(s => s.At)];

    private void FireRequestTimer(in Event e)
    {
        if (!_requestTimers.TryGetValue(e.Tuple, out var armed) || armed.Deadline != Now || armed.Order != e.Order)
            return;                                      // re-armed or cancelled since
        var step = ModelTimers.Fire(Listener, in e.Tuple, Now);
        Assert.NotEqual(ListenerOutcome.None, step.Outcome);   // the wire only fires live deadlines
        Assert.NotEqual(TimerAction.Unchanged, step.RequestTimer.Action);   // else it would stay due for ever
        ApplyListener(in step);
    }

    private void ApplyListener(in ListenerStep step)
    {
        OnListenerStep?.Invoke(step, Now);
        foreach (var seg in step.Sends) ListenerSent.Add((Now, seg));
        if (step.Outcome != ListenerOutcome.None) ListenerOutcomes.Add((Now, step.Outcome, step.Request));
        if (step.RequestTimer.Action == TimerAction.Set)
        {
            Assert.True(step.RequestTimer.Deadline > Now, "a request timer is set in the future");
            long order = ++_requestOrder;
            _requestTimers[step.Request] = (step.RequestTimer.Deadline, order);
            Schedule(step.RequestTimer.Deadline,
                new Event { Kind = EventKind.RequestTimer, Tuple = step.Request, Order = order });
        }
        else if (step.RequestTimer.Action == TimerAction.Cancel)
        {
            _requestTimers.Remove(step.Request);
        }
    }
}
