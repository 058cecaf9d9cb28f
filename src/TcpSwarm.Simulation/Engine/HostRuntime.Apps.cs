using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// The applications' side of a host: accept() as the server's accept model says, connect() as the client group's
// arrivals say (or again at once in a closed loop), and the books of what their endpoints report.
public sealed partial class HostRuntime
{
    /// <summary>A closed-loop client whose connect() failed (EADDRNOTAVAIL) tries again after this pause.</summary>
    public static readonly TimeSpan ClosedLoopRetry = TimeSpan.FromMilliseconds(100);

    private void Admit(in AcceptedConnection child, in Segment ack, Instant at, HostWindow output)
    {
        _host.TryGetListener(child.Tuple, out var listener);       // the shard that admitted it
        var role = _roleOf[listener];
        int slot = NewSlot(child.Tuple);
        var work = Work(slot);
        work.Start = new EndpointStart(Child: child, Plan: ServerPlan(role, child.Tuple.RemoteAddr));
        work.Inputs.Add(new EndpointInput(EndpointInputKind.Admit, at, ack));
        Books.Admitted++;
        Books.States[(int)TcpState.Established]++;
        switch (role.Spec.Accept)
        {
            case AcceptSpec.Immediate:
                AcceptOne(role, at);
                break;
            case AcceptSpec.Rate when !role.TickPending:
                if (role.NextAccept <= at) AcceptOne(role, at);
                else ScheduleAccept(role, output);
                break;
            case AcceptSpec.Workers:
                WorkersAccept(role, at, output);
                break;
        }
    }

    private SessionPlan ServerPlan(ServerRole role, uint client)
    {
        for (int g = 0; g < _scenario.Clients.Count; g++)
        {
            var group = _scenario.Clients[g];
            if (group.Addresses.Contains(client))
                return SessionPlan.For(false, g, role.Index, group.Session, role.Spec, _scenario.Seed);
        }
        return SessionPlan.For(false, -1, role.Index, new SessionSpec(0, TimeSpan.Zero, 1, Closer.Client, CloseKind.Fin), role.Spec);
    }

    private void AcceptOne(ServerRole role, Instant at)
    {
        if (!role.Listener.TryAccept(out var child)) return;
        Books.Accepted++;
        role.Accepted++;
        // Each shard's own accept() loop takes its share of the server's rate.
        if (role.Spec.Accept is AcceptSpec.Rate rate)
            role.NextAccept = at + TimeSpan.FromSeconds(role.Shards / rate.PerSecond);
        if (_slotByTuple.TryGetValue(child, out int slot))
            Work(slot).Inputs.Add(new EndpointInput(EndpointInputKind.Accepted, at));
    }

    private void ScheduleAccept(ServerRole role, HostWindow output)
    {
        role.TickPending = true;
        Wake(new HostEvent(HostEventKind.AcceptTick, role.NextAccept, Address, 0, Server: role.Position), output);
    }

    private void AcceptTick(int position, Instant at, HostWindow output)
    {
        var role = _servers[position];
        if (role.Workers is not null)
        {
            WorkersTick(role, at, output);
            return;
        }
        role.TickPending = false;
        AcceptOne(role, at);
        if (role.Listener.AcceptQueueLength > 0) ScheduleAccept(role, output);
    }

    private void Connect(in HostEvent e, HostWindow output)
    {
        var c = _client!;
        bool scheduled = e.Slot == 1;                             // from the open-loop schedule, not a reconnect
        if (scheduled)
        {
            var next = c.Schedule.Next(e.At, out int connects);
            if (next < Instant.FromSeconds(_scenario.Duration.TotalSeconds))
                Wake(new HostEvent(HostEventKind.Connect, next, Address, 0, Slot: 1, Server: connects), output);
        }
        for (int i = 0; i < Math.Max(1, e.Server); i++) ConnectOnce(e.At, output);     // a burst is several at once
    }

    private void ConnectOnce(Instant at, HostWindow output)
    {
        var c = _client!;
        Books.Attempts++;
        if (!_host.TryConnect(c.Target.Address, c.Target.Port, at, out var open))
        {
            Books.Count(AttemptOutcome.PortExhausted);
            _eventsMoved = true;
            if (c.Schedule.IsClosedLoop) Reconnect(at + ClosedLoopRetry, output);
            return;
        }
        int slot = NewSlot(open.Tuple);
        var work = Work(slot);
        work.Start = new EndpointStart(Open: open, Plan: c.Plan);
        work.Inputs.Add(new EndpointInput(EndpointInputKind.Connect, at));
    }

    private void Reconnect(Instant at, HostWindow output)
    {
        var spec = _client!.Spec;
        if (at < Instant.FromSeconds(spec.Stop.TotalSeconds) && at < Instant.FromSeconds(_scenario.Duration.TotalSeconds))
            Wake(new HostEvent(HostEventKind.Connect, at, Address, 0), output);
    }

    private void Apply(EndpointWork w, HostWindow output)
    {
        var o = w.Output;
        foreach (var (seg, at) in o.Sends) Send(in seg, at, output);
        foreach (var (kind, deadline) in o.Timers) TimerEdited(w.Slot, kind, deadline, output);
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
        foreach (var bounced in o.Bounced)
            _pending.Add(new HostEvent(HostEventKind.Arrival, bounced.At, bounced.Segment.SrcAddr, _bounceSeq++,
                bounced.Segment));
        if (o.End.Kind != EndpointEndKind.None) End(w.Slot, in o.End, output);
    }

    private void End(int slot, in EndpointEnd end, HostWindow output)
    {
        var tuple = _tupleBySlot[slot];
        _wakes.Ended(slot);
        Books.Lifetime.Record(end.At - end.StartedAt);
        Books.LifetimeSketch.Record(end.At - end.StartedAt);
        if (end.Kind == EndpointEndKind.TimeWait)
        {
            if (_host.EnterTimeWait(end.TimeWait, out var timer))
                Wake(new HostEvent(HostEventKind.HostTimer, timer.Edit.Deadline, Address, 0, Timer: timer), output);
        }
        else
        {
            _host.Release(in tuple, end.CleanClose);
        }
        FreeSlot(slot);
        if (end.Outcome == AttemptOutcome.None) return;
        Books.Count(end.Outcome);
        if (_client is { Schedule.IsClosedLoop: true }) Reconnect(end.At, output);
    }
}
