using System.Runtime.InteropServices;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

public sealed partial class HostRuntime
{
    private const int MaxPooledWork = 4096;                            // a busy round's; a burst's beyond is collected
    private List<HostEvent> _pending = [];
    private List<HostEvent> _due = [];                            // the round being handled; swapped, never reallocated
    private readonly List<EndpointWork?> _workBySlot = [];             // this round's work of each slot, if any
    private readonly List<EndpointWork> _batch = [];                   // this round's work, in slot order to run
    private static readonly Comparison<EndpointWork> BySlot = (a, b) => a.Slot.CompareTo(b.Slot);
    private readonly Stack<EndpointWork> _workPool = new();
    private Instant _windowEnd;
    private long _bounceSeq = long.MinValue;

    /// <summary>Runs one window: the events due before <paramref name="windowEnd"/>, in order, then the endpoints.</summary>
    /// <remarks>
    /// <para>A window takes rounds because what a round does can be due again inside it: each round handles the
    /// pending events in order, then runs the endpoints they gave work, at once (one grain call each); a wake-up
    /// inside the window (the schedule's next connect, an accept tick, an endpoint's timer, a think time) or a bounced
    /// segment joins the next round. One client at 150,000 connects/s takes 1,500 rounds a 10 ms window, one per
    /// connect, since each connect schedules the next; so the rounds are not bounded by a constant.</para>
    /// <para>They end without one. Every event is at an instant in [start, windowEnd), and no round's events are
    /// earlier than the round's earliest before it (a wake-up, timer or bounce is never before what caused it), so
    /// the earliest instant never goes back and runs through at most windowEnd - start nanoseconds. At one instant
    /// the chain of rounds is finite, since each wake-up at its cause's own instant uses up something finite: the
    /// schedule's next connect is strictly later (ConnectSchedule), an accept tick takes one connection off a finite
    /// accept queue, an endpoint's timer or think time advances its session (a finite number of requests), a
    /// closed-loop reconnect follows a session that ended (a failed connect retries later, not at once), and a
    /// bounced segment is routed once more to the demultiplexer, which never bounces it again.</para>
    /// </remarks>
    public async ValueTask RunWindowAsync(IReadOnlyList<HostEvent> events, Instant windowEnd, IEndpointInvoker endpoints,
        HostWindow output)
    {
        _flowOrder.Forget(_windowEnd);                            // nothing this window is sent before the last ended
        _windowEnd = windowEnd;
        _pending.AddRange(events);
        TakeDueHostTimers(windowEnd);
        while (_pending.Count > 0)
        {
            _pending.Sort();
            (_due, _pending) = (_pending, _due);                  // wake-ups and bounces of this round collect apart
            var last = Instant.Zero;
            foreach (ref readonly var e in CollectionsMarshal.AsSpan(_due))                     // no copies
            {
                Handle(in e, output);
                if (_eventsMoved) CheckEvents(e.At);              // only a listener's step or a failed connect()
                last = e.At;
            }
            _due.Clear();
            if (_batch.Count == 0) continue;
            _batch.Sort(BySlot);                                   // slot order, whatever order the work came in
            foreach (var w in _batch) _workBySlot[w.Slot] = null;
            await endpoints.RunAsync(Address, _batch);
            foreach (var w in _batch) Apply(w, output);
            CheckEvents(last);                                     // a close's TIME_WAIT takes effect in this round
            foreach (var w in _batch) Recycle(w);
            _batch.Clear();
        }
        WakeForHostTimers(windowEnd, output);
    }

    private void Handle(in HostEvent e, HostWindow output)
    {
        switch (e.Kind)
        {
            case HostEventKind.Arrival: Arrive(e.Segment, e.At, output, traced: e.Seq >= 0); break;
            case HostEventKind.HostTimer:
                var step = _host.OnTimer(e.Timer, e.At);
                Emit(in step, e.At, output);
                break;
            case HostEventKind.EndpointTimer:
                if (e.Slot < _tupleBySlot.Count && TimerDue(e.Slot, e.EndpointTimer, e.At, output)
                    && _slotByTuple.ContainsKey(_tupleBySlot[e.Slot]))
                    Work(e.Slot).Inputs.Add(e.EndpointTimer == EndpointTimerKind.App
                        ? new EndpointInput(EndpointInputKind.AppTimer, e.At)
                        : new EndpointInput(EndpointInputKind.Timer, e.At, Timer: (TcbTimer)e.EndpointTimer));
                break;
            case HostEventKind.Connect: Connect(in e, output); break;
            case HostEventKind.AcceptTick: AcceptTick(e.Server, e.At, output); break;
            case HostEventKind.HostTimersDue: break;               // its timers joined the window at its start
        }
    }

    // A bounced segment (negative Seq) arrives a second time only in our books: tcpdump saw it once.
    private void Arrive(in Segment seg, Instant at, HostWindow output, bool traced)
    {
        if (traced) TraceSegment(in seg, at, sent: false);
        var step = _host.Handle(in seg, at);
        _eventsMoved |= step.Route == HostRoute.Listener;
        Emit(in step, at, output);
        if (step.Route == HostRoute.ToSocket && _slotByTuple.TryGetValue(step.Socket, out int slot))
            Work(slot).Inputs.Add(EndpointInput.Arriving(in seg, at));
        else if (step.Admitted)
            Admit(in step.Listener.Child, in seg, at, output);
    }

    private void Emit(in HostStep step, Instant at, HostWindow output)
    {
        if (step.Route == HostRoute.Listener && RequestEnded(in step.Listener))
            Books.SynReceived.Record(at - step.Listener.RequestBornAt);
        foreach (ref readonly var s in step.Sends) Send(in s, at, output);
        if (step.Timer.IsSet) Wake(new HostEvent(HostEventKind.HostTimer, step.Timer.Edit.Deadline, Address, 0,
            Timer: step.Timer), output);
    }

    private void Send(in Segment seg, Instant at, HostWindow output)
    {
        Books.SegmentsSent++;
        Books.SentByKind[(int)SegmentKindTable.Of(in seg)]++;
        TraceSegment(in seg, at, sent: true);
        var transit = _network.Send(in seg, at, ref _sendRandom, _flowOrder);
        switch (transit.Fate)
        {
            case TransitFate.Delivered:
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.FirstArrival, Address, _sendSeq++, seg)));
                break;
            case TransitFate.Duplicated:
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.FirstArrival, Address, _sendSeq++, seg)));
                output.Arrivals.Add(new Arrival(seg.DstAddr,
                    new HostEvent(HostEventKind.Arrival, transit.SecondArrival, Address, _sendSeq++, seg)));
                break;
            default:
                Books.SegmentsLost++;
                break;
        }
    }

    // A child admitted through a syncookie never was a request entry: it spent no time in the SYN queue.
    private static bool RequestEnded(in ListenerStep step) => step.Outcome switch
    {
        ListenerOutcome.Admitted => !step.Child.FromCookie,
        ListenerOutcome.RequestExpired or ListenerOutcome.RequestReset => true,
        _ => false,
    };

    // A wake-up inside this window is handled in its next round; a later one goes back to the scheduler.
    private void Wake(HostEvent e, HostWindow output)
    {
        e = e with { Seq = _selfSeq++ };
        if (e.At < _windowEnd) _pending.Add(e);
        else if (e.Kind == HostEventKind.HostTimer) QueueHostTimer(in e);
        else output.Wakeups.Add(e);
    }

    private EndpointWork Work(int slot)
    {
        while (_workBySlot.Count <= slot) _workBySlot.Add(null);
        if (_workBySlot[slot] is { } w) return w;
        w = _workPool.TryPop(out var pooled) ? pooled : new EndpointWork();
        w.Slot = slot;
        _workBySlot[slot] = w;
        _batch.Add(w);
        return w;
    }

    private void Recycle(EndpointWork w)
    {
        if (_workPool.Count >= MaxPooledWork) return;           // a burst's work goes to the collector, not the pool
        w.Runtime = null;
        w.Inputs.Clear();
        w.Output.Clear();
        _workPool.Push(w);
    }
}
