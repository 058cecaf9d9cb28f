using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One simulated host at run time: its TCP tables, the applications on it, and the endpoints it
/// owns.</summary>
/// <remarks>
/// Lives in a host grain (or directly in the local runner). The host's demultiplexer decides every segment's owner;
/// full sockets are endpoints in numbered slots (<see cref="EndpointSlots"/>), reused once their connection has ended.
/// This class routes each event of a window's rounds (<see cref="HostRounds"/>) to its part: segments to the TCP
/// tables, connects and accepts to the applications (<see cref="ClientApp"/>, <see cref="ServerApps"/>), timers
/// through the wake queue (<see cref="WakeQueue"/>); then it applies what each endpoint did.
/// Table changes an endpoint reports (TIME_WAIT, close) take effect when its round ends, at most the lookahead later
/// than in Linux; a connect() in that gap sees the 4-tuple busy a little longer. docs/architecture.md, "Inside a
/// host's round", gives the order of the calls.
/// </remarks>
public sealed class HostRuntime : IHostRound
{
    private readonly Host _host;
    private readonly EndpointSlots _slots = new();
    private readonly WakeQueue _wakes;
    private readonly HostRounds _rounds;
    private readonly HostTrace _trace;
    private readonly HostLink _link;
    private readonly ServerApps _servers;
    private readonly ClientApp _client;
    private readonly EventWatches _events;
    private readonly HostSampler _sampler;

    public HostRuntime(uint address, Scenario scenario, Network network)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Address = address;
        _host = new Host(address, scenario.Profile, scenario.Seed);
        _wakes = new WakeQueue(address);
        _rounds = new HostRounds(address, _wakes, this);
        _trace = new HostTrace(address, scenario);
        _link = new HostLink(address, scenario.Seed, network, Books, _trace);
        _servers = new ServerApps(address, scenario, _host, Books, _slots, _rounds);
        _client = new ClientApp(address, scenario, _host, Books, _slots, _rounds);
        _events = new EventWatches(scenario, _host, Books, _servers, _client);
        _sampler = new HostSampler(address, _host, Books, _servers, _client, _slots, _events);
    }

    /// <summary>A closed-loop client whose connect() failed (EADDRNOTAVAIL) tries again after this pause.</summary>
    public static TimeSpan ClosedLoopRetry => ClientApp.ClosedLoopRetry;

    /// <summary>What one queued wake-up (a compact entry's timer among them) takes in the host's queue.</summary>
    public static int QueuedHostTimerBytes => WakeQueue.EntryBytes;

    public uint Address { get; }
    public HostBooks Books { get; } = new();
    /// <summary>Which client group this host belongs to (-1 for none).</summary>
    public int ClientGroup => _client.Role?.Group ?? -1;
    /// <summary>Compact-entry timers queued beyond the current window (SYN_RCVD and TIME_WAIT timers).</summary>
    public int QueuedHostTimers => _wakes.CompactTimers;
    /// <summary>Everything traced on this host so far, in the order it happened here.</summary>
    public IReadOnlyList<TraceRecord> Trace => _trace.Records;

    /// <summary>Whether a slot holds a connection now (not yet ended).</summary>
    public bool IsLive(int slot) => _slots.IsLive(slot);

    /// <summary>This host's books and gauges now, between windows.</summary>
    public HostSample Sample() => _sampler.Take();

    /// <summary>Runs one window: the events due before <paramref name="windowEnd"/>, in order, then the endpoints.
    /// </summary>
    public ValueTask RunWindowAsync(IReadOnlyList<HostEvent> events, Instant windowEnd, IEndpointInvoker endpoints,
        HostWindow output)
    {
        _link.Forget(_rounds.WindowEnd);                          // nothing this window is sent before the last ended
        return _rounds.RunAsync(events, windowEnd, endpoints, output);
    }

    void IHostRound.Handle(in HostEvent e, HostWindow output)
    {
        switch (e.Kind)
        {
            case HostEventKind.Arrival: Arrive(e.Segment, e.At, output, traced: e.Seq >= 0); break;
            case HostEventKind.HostTimer:
                var step = _host.OnTimer(e.Timer, e.At);
                Emit(in step, e.At, output);
                break;
            case HostEventKind.EndpointTimer:
                if (_slots.Exists(e.Slot) && EndpointTimerDue(in e) && _slots.Holds(e.Slot))
                    _rounds.Work(e.Slot).Inputs.Add(e.EndpointTimer == EndpointTimerKind.App
                        ? new EndpointInput(EndpointInputKind.AppTimer, e.At)
                        : new EndpointInput(EndpointInputKind.Timer, e.At, Timer: (TcbTimer)e.EndpointTimer));
                break;
            case HostEventKind.Connect: _client.Connect(in e); break;
            case HostEventKind.AcceptTick: _servers.AcceptTick(e.Server, e.At); break;
            case HostEventKind.WakeQueueDue: break;                // its entries joined the window at its start
        }
    }

    // Only a listener's step or a failed connect() can move a watched total.
    void IHostRound.EventHandled(Instant at)
    {
        if (_events.Moved || _client.PortsRanOut) CheckEvents(at);
    }

    void IHostRound.RoundApplied(Instant at) => CheckEvents(at);

    private void CheckEvents(Instant at)
    {
        _client.PortsRanOut = false;
        _events.Check(at);
    }

    // A bounced segment (negative Seq) arrives a second time only in our books: tcpdump saw it once.
    private void Arrive(in Segment seg, Instant at, HostWindow output, bool traced)
    {
        if (traced) _trace.Segment(in seg, at, sent: false);
        var step = _host.Handle(in seg, at);
        if (step.Route == HostRoute.Listener) _events.Moved = true;
        Emit(in step, at, output);
        if (step.Route == HostRoute.ToSocket && _slots.TryFind(step.Socket, out int slot))
            _rounds.Work(slot).Inputs.Add(EndpointInput.Arriving(in seg, at));
        else if (step.Admitted)
            _servers.Admit(in step.Listener.Child, in seg, at);
    }

    private void Emit(in HostStep step, Instant at, HostWindow output)
    {
        if (step.Route == HostRoute.Listener && RequestEnded(in step.Listener))
            Books.SynReceived.Record(at - step.Listener.RequestBornAt);
        foreach (ref readonly var s in step.Sends) _link.Send(in s, at, output);
        if (step.Timer.IsSet)
            _rounds.Wake(
                new HostEvent(HostEventKind.HostTimer, step.Timer.Edit.Deadline, Address, 0, Timer: step.Timer));
    }

    // A child admitted through a syncookie never was a request entry: it spent no time in the SYN queue.
    private static bool RequestEnded(in ListenerStep step) => step.Outcome switch
    {
        ListenerOutcome.Admitted => !step.Child.FromCookie,
        ListenerOutcome.RequestExpired or ListenerOutcome.RequestReset => true,
        _ => false,
    };

    // An endpoint timer's entry came due: whether its endpoint is to be woken (else a later entry may be queued).
    private bool EndpointTimerDue(in HostEvent e)
    {
        if (_wakes.Due(e.Slot, e.EndpointTimer, e.At, out var requeue)) return true;
        if (requeue != Instant.Never) _rounds.Wake(EndpointTimer(e.Slot, e.EndpointTimer, requeue));
        return false;
    }

    private HostEvent EndpointTimer(int slot, EndpointTimerKind kind, Instant at) =>
        new(HostEventKind.EndpointTimer, at, Address, 0, Slot: slot, EndpointTimer: kind);

    void IHostRound.Apply(EndpointWork w, HostWindow output)
    {
        var o = w.Output;
        foreach (var (seg, at) in o.Sends) _link.Send(in seg, at, output);
        foreach (var (kind, deadline) in o.Timers)
        {
            var wake = _wakes.Edited(w.Slot, kind, deadline);
            if (wake != Instant.Never) _rounds.Wake(EndpointTimer(w.Slot, kind, wake));
        }
        foreach (var (from, to) in o.Transitions)
        {
            if (from != TcpState.Closed) Books.States[(int)from]--;
            if (to is not (TcpState.Closed or TcpState.TimeWait)) Books.States[(int)to]++;
        }
        Books.Counters.Add(o.Counters);
        Books.Retransmissions += o.Retransmissions;
        foreach (var handshake in o.Handshakes)
        {
            Books.Handshake.Record(handshake);
            Books.HandshakeSketch.Record(handshake);
        }
        foreach (var bounced in o.Bounced) _rounds.Bounce(in bounced);
        if (o.End.Kind != EndpointEndKind.None) End(w.Slot, in o.End);
    }

    private void End(int slot, in EndpointEnd end)
    {
        var tuple = _slots.TupleOf(slot);
        _wakes.Ended(slot);
        Books.Lifetime.Record(end.At - end.StartedAt);
        Books.LifetimeSketch.Record(end.At - end.StartedAt);
        if (end.Kind == EndpointEndKind.TimeWait)
        {
            if (_host.EnterTimeWait(end.TimeWait, out var timer))
                _rounds.Wake(new HostEvent(HostEventKind.HostTimer, timer.Edit.Deadline, Address, 0, Timer: timer));
        }
        else
        {
            _host.Release(in tuple, end.CleanClose);
        }
        _slots.Free(slot);
        if (end.Outcome == AttemptOutcome.None) return;
        Books.Count(end.Outcome);
        _client.SessionEnded(end.At);
    }
}
