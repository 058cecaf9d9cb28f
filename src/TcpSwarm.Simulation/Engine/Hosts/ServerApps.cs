using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The server applications on a host: one accept() loop per listening socket, as the server's accept model
/// says (at once, at a rate, or by a pool of workers), each admitted child started in a slot with its session.
/// </summary>
internal sealed class ServerApps
{
    private readonly uint _address;
    private readonly Scenario _scenario;
    private readonly Host _host;
    private readonly HostBooks _books;
    private readonly EndpointSlots _slots;
    private readonly HostRounds _rounds;
    private readonly List<ServerRole> _servers = [];             // one per SO_REUSEPORT shard, in scenario order
    private readonly Dictionary<Listener, ServerRole> _roleOf = new(ReferenceEqualityComparer.Instance);

    public ServerApps(uint address, Scenario scenario, Host host, HostBooks books, EndpointSlots slots,
        HostRounds rounds)
    {
        (_address, _scenario, _host, _books, _slots, _rounds) = (address, scenario, host, books, slots, rounds);
        for (int i = 0; i < scenario.Servers.Count; i++)
        {
            var spec = scenario.Servers[i];
            if (spec.Address != address) continue;
            var shards = host.ListenShards(spec.Port, spec.Backlog, Math.Max(1, spec.ReusePort));
            for (int k = 0; k < shards.Count; k++)
            {
                var role = new ServerRole(i, k, shards.Count, spec, shards[k], _servers.Count)
                {
                    Workers = spec.Accept is AcceptSpec.Workers w
                        ? new AcceptWorkers(w, k, shards.Count, scenario.Seed, spec.Address, spec.Port)
                        : null,
                };
                _servers.Add(role);
                _roleOf.Add(shards[k], role);
            }
        }
    }

    /// <summary>This host's listening sockets, in scenario order.</summary>
    public IReadOnlyList<ServerRole> Roles => _servers;

    /// <summary>The listener admitted a child: its endpoint starts in a new slot, and accept() may take it.</summary>
    public void Admit(in AcceptedConnection child, in Segment ack, Instant at)
    {
        _host.TryGetListener(child.Tuple, out var listener);       // the shard that admitted it
        var role = _roleOf[listener];
        int slot = _slots.Take(child.Tuple);
        var work = _rounds.Work(slot);
        work.Start = new EndpointStart(Child: child, Plan: ServerPlan(role, child.Tuple.RemoteAddr));
        work.Inputs.Add(new EndpointInput(EndpointInputKind.Admit, at, ack));
        _books.Admitted++;
        _books.States[(int)TcpState.Established]++;
        switch (role.Spec.Accept)
        {
            case AcceptSpec.Immediate:
                AcceptOne(role, at);
                break;
            case AcceptSpec.Rate when !role.TickPending:
                if (role.NextAccept <= at) AcceptOne(role, at);
                else ScheduleAccept(role);
                break;
            case AcceptSpec.Workers:
                WorkersAccept(role, at);
                break;
        }
    }

    /// <summary>An accept tick of the socket at <paramref name="position"/>: its rate allows, or a worker is free.
    /// </summary>
    public void AcceptTick(int position, Instant at)
    {
        var role = _servers[position];
        if (role.Workers is not null)
        {
            role.Workers.TickPending = false;
            WorkersAccept(role, at);
            return;
        }
        role.TickPending = false;
        AcceptOne(role, at);
        if (role.Listener.AcceptQueueLength > 0) ScheduleAccept(role);
    }

    private SessionPlan ServerPlan(ServerRole role, uint client)
    {
        for (int g = 0; g < _scenario.Clients.Count; g++)
        {
            var group = _scenario.Clients[g];
            if (group.Addresses.Contains(client))
                return SessionPlan.For(false, g, role.Index, group.Session, role.Spec, _scenario.Seed);
        }
        return SessionPlan.For(false, -1, role.Index,
            new SessionSpec(0, TimeSpan.Zero, 1, Closer.Client, CloseKind.Fin), role.Spec);
    }

    private void AcceptOne(ServerRole role, Instant at)
    {
        if (!role.Listener.TryAccept(out var child)) return;
        _books.Accepted++;
        role.Accepted++;
        // Each shard's own accept() loop takes its share of the server's rate.
        if (role.Spec.Accept is AcceptSpec.Rate rate)
            role.NextAccept = at + TimeSpan.FromSeconds(role.Shards / rate.PerSecond);
        if (_slots.TryFind(child, out int slot))
            _rounds.Work(slot).Inputs.Add(new EndpointInput(EndpointInputKind.Accepted, at));
    }

    private void ScheduleAccept(ServerRole role)
    {
        role.TickPending = true;
        _rounds.Wake(new HostEvent(HostEventKind.AcceptTick, role.NextAccept, _address, 0, Server: role.Position));
    }

    // accept: { workers, service }: each free worker calls accept() the instant the queue holds a connection; a busy
    // one comes back when its service time ends, so the accept queue drains as workers free up.
    private void WorkersAccept(ServerRole role, Instant at)
    {
        var workers = role.Workers!;
        while (role.Listener.AcceptQueueLength > 0 && workers.TryTake(at)) AcceptOne(role, at);
        if (role.Listener.AcceptQueueLength > 0 && !workers.TickPending && workers.NextFree != Instant.Never)
        {
            workers.TickPending = true;
            _rounds.Wake(new HostEvent(HostEventKind.AcceptTick, workers.NextFree, _address, 0, Server: role.Position));
        }
    }
}
