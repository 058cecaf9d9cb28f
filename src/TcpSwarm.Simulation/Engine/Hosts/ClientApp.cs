using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The client application on a host, if its address is in a client group: connect() as the group's
/// arrivals say, or again once a session ends in a closed loop; each connection starts in a slot with its session.
/// </summary>
internal sealed class ClientApp
{
    /// <summary>A closed-loop client whose connect() failed (EADDRNOTAVAIL) tries again after this pause.</summary>
    public static readonly TimeSpan ClosedLoopRetry = TimeSpan.FromMilliseconds(100);

    private readonly uint _address;
    private readonly Scenario _scenario;
    private readonly Host _host;
    private readonly HostBooks _books;
    private readonly EndpointSlots _slots;
    private readonly HostRounds _rounds;

    public ClientApp(uint address, Scenario scenario, Host host, HostBooks books, EndpointSlots slots,
        HostRounds rounds)
    {
        (_address, _scenario, _host, _books, _slots, _rounds) = (address, scenario, host, books, slots, rounds);
        for (int g = 0; g < scenario.Clients.Count; g++)
        {
            var group = scenario.Clients[g];
            int index = group.Addresses.IndexOf(address);
            if (index < 0) continue;
            var target = scenario.Server(group.Target);
            int server = IndexOf(scenario, target);
            Role = new ClientRole(g, group, target, ConnectSchedule.For(group, index, scenario.Seed),
                SessionPlan.For(true, g, server, group.Session, target, scenario.Seed));
            break;
        }
    }

    /// <summary>The group this host's client belongs to; null when it runs none.</summary>
    public ClientRole? Role { get; }

    /// <summary>Set when a connect() failed for want of a port (a watched total moved).</summary>
    public bool PortsRanOut { get; set; }

    /// <summary>A connect event: the schedule's (Slot 1, with the next one queued) or a closed loop's reconnect.
    /// </summary>
    public void Connect(in HostEvent e)
    {
        var c = Role!;
        bool scheduled = e.Slot == 1;                             // from the open-loop schedule, not a reconnect
        if (scheduled)
        {
            var next = c.Schedule.Next(e.At, out int connects);
            if (next < Instant.FromSeconds(_scenario.Duration.TotalSeconds))
                _rounds.Wake(new HostEvent(HostEventKind.Connect, next, _address, 0, Slot: 1, Server: connects));
        }
        for (int i = 0; i < Math.Max(1, e.Server); i++) ConnectOnce(e.At);     // a burst is several at once
    }

    /// <summary>A session ended: a closed loop connects again at once (before the group stops and the run ends).
    /// </summary>
    public void SessionEnded(Instant at)
    {
        if (Role is { Schedule.IsClosedLoop: true }) Reconnect(at);
    }

    private void ConnectOnce(Instant at)
    {
        var c = Role!;
        _books.Attempts++;
        if (!_host.TryConnect(c.Target.Address, c.Target.Port, at, out var open))
        {
            _books.Count(AttemptOutcome.PortExhausted);
            PortsRanOut = true;
            if (c.Schedule.IsClosedLoop) Reconnect(at + ClosedLoopRetry);
            return;
        }
        int slot = _slots.Take(open.Tuple);
        var work = _rounds.Work(slot);
        work.Start = new EndpointStart(Open: open, Plan: c.Plan);
        work.Inputs.Add(new EndpointInput(EndpointInputKind.Connect, at));
    }

    private void Reconnect(Instant at)
    {
        var spec = Role!.Spec;
        if (at < Instant.FromSeconds(spec.Stop.TotalSeconds)
            && at < Instant.FromSeconds(_scenario.Duration.TotalSeconds))
            _rounds.Wake(new HostEvent(HostEventKind.Connect, at, _address, 0));
    }

    private static int IndexOf(Scenario scenario, ServerSpec target)
    {
        for (int i = 0; i < scenario.Servers.Count; i++)
            if (ReferenceEquals(scenario.Servers[i], target)) return i;
        return -1;
    }
}
