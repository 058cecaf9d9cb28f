using System.Runtime.InteropServices;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>A host's window, run in rounds: each round handles the pending events in order, then runs at once the
/// endpoints they gave work (one call each); what a round wakes inside the window joins the next.</summary>
/// <remarks>
/// <para>A window takes rounds because what a round does can be due again inside it: a wake-up inside the window
/// (the schedule's next connect, an accept tick, an endpoint's timer, a think time) or a bounced segment joins the
/// next round. One client at 150,000 connects/s takes 1,500 rounds a 10 ms window, one per connect, since each connect
/// schedules the next; so the rounds are not bounded by a constant.</para>
/// <para>They end without one. Every event is at an instant in [start, windowEnd), and no round's events are
/// earlier than the round's earliest before it (a wake-up, timer or bounce is never before what caused it), so
/// the earliest instant never goes back and runs through at most windowEnd - start nanoseconds. At one instant
/// the chain of rounds is finite, since each wake-up at its cause's own instant uses up something finite: the
/// schedule's next connect is strictly later (ConnectSchedule), an accept tick takes one connection off a finite
/// accept queue, an endpoint's timer or think time advances its session (a finite number of requests), a
/// closed-loop reconnect follows a session that ended (a failed connect retries later, not at once), and a
/// bounced segment is routed once more to the demultiplexer, which never bounces it again.</para>
/// </remarks>
internal sealed class HostRounds(uint address, WakeQueue wakes, IHostRound host)
{
    private const int MaxPooledWork = 4096;                            // a busy round's; a burst's beyond is collected
    private static readonly Comparison<EndpointWork> BySlot = (a, b) => a.Slot.CompareTo(b.Slot);
    private List<HostEvent> _pending = [];
    private List<HostEvent> _due = [];                                 // the round being handled; swapped, never
                                                                       // reallocated
    private readonly List<EndpointWork?> _workBySlot = [];             // this round's work of each slot, if any
    private readonly List<EndpointWork> _batch = [];                   // this round's work, in slot order to run
    private readonly Stack<EndpointWork> _workPool = new();
    private long _bounceSeq = long.MinValue, _selfSeq;

    /// <summary>The end of the window run last (or being run).</summary>
    public Instant WindowEnd { get; private set; }

    /// <summary>Runs one window: the events due before <paramref name="windowEnd"/>, in order, then the endpoints.
    /// </summary>
    public async ValueTask RunAsync(IReadOnlyList<HostEvent> events, Instant windowEnd, IEndpointInvoker endpoints,
        HostWindow output)
    {
        WindowEnd = windowEnd;
        _pending.AddRange(events);
        wakes.TakeDue(windowEnd, _pending);
        while (_pending.Count > 0)
        {
            _pending.Sort();
            (_due, _pending) = (_pending, _due);                  // wake-ups and bounces of this round collect apart
            var last = Instant.Zero;
            foreach (ref readonly var e in CollectionsMarshal.AsSpan(_due))                     // no copies
            {
                host.Handle(in e, output);
                host.EventHandled(e.At);
                last = e.At;
            }
            _due.Clear();
            if (_batch.Count == 0) continue;
            _batch.Sort(BySlot);                                   // slot order, whatever order the work came in
            foreach (var w in _batch) _workBySlot[w.Slot] = null;
            await endpoints.RunAsync(address, _batch);
            foreach (var w in _batch) host.Apply(w, output);
            host.RoundApplied(last);                               // a close's TIME_WAIT takes effect in this round
            foreach (var w in _batch) Recycle(w);
            _batch.Clear();
        }
        wakes.WakeHost(windowEnd, output);
    }

    /// <summary>A wake-up inside this window is handled in its next round; a later one waits in the wake queue.
    /// </summary>
    public void Wake(HostEvent e)
    {
        e = e with { Seq = _selfSeq++ };
        if (e.At < WindowEnd) _pending.Add(e);
        else wakes.Queue(in e);
    }

    /// <summary>A segment an endpoint bounced (its connection had ended) goes round again, to the demultiplexer.
    /// Its negative sequence number tells the host it was traced the first time.</summary>
    public void Bounce(in EndpointInput bounced) =>
        _pending.Add(new HostEvent(HostEventKind.Arrival, bounced.At, bounced.Segment.SrcAddr, _bounceSeq++,
            bounced.Segment));

    /// <summary>The slot's work in this round, started the first time the round gives it an input.</summary>
    public EndpointWork Work(int slot)
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
