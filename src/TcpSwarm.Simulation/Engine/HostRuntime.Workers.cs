using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

// accept: { workers, service }: each free worker calls accept() the instant the queue holds a connection; a busy
// one comes back when its service time ends, so the accept queue drains as workers free up.
public sealed partial class HostRuntime
{
    private void WorkersAccept(ServerRole role, Instant at, HostWindow output)
    {
        var workers = role.Workers!;
        while (role.Listener.AcceptQueueLength > 0 && workers.TryTake(at)) AcceptOne(role, at);
        if (role.Listener.AcceptQueueLength > 0 && !workers.TickPending && workers.NextFree != Instant.Never)
        {
            workers.TickPending = true;
            Wake(new HostEvent(HostEventKind.AcceptTick, workers.NextFree, Address, 0, Server: role.Position), output);
        }
    }

    private void WorkersTick(ServerRole role, Instant at, HostWindow output)
    {
        role.Workers!.TickPending = false;
        WorkersAccept(role, at, output);
    }
}
