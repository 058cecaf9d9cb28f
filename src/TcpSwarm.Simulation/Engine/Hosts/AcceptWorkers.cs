using TcpSwarm.Simulation.Load;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The worker pool of one listening socket (accept: { workers, service }): how many are free, when each
/// busy one frees up, and the service times, drawn in accept order from the socket's own stream.</summary>
internal sealed class AcceptWorkers
{
    /// <summary>Purpose of the service-time streams, "work"; the entity is the server's address and shard.</summary>
    public const ulong Purpose = 0x776F_726B;

    private readonly LatencySpec _service;
    private readonly PriorityQueue<long, long> _busyUntil = new();       // ns at which each busy worker frees up
    private SimRandom _draws;
    private int _free;

    public AcceptWorkers(AcceptSpec.Workers spec, int shard, int shards, ulong seed, uint address, ushort port)
    {
        _service = spec.Service;
        _free = spec.Count / shards + (shard < spec.Count % shards ? 1 : 0);
        _draws = SimRandom.For(seed, ((ulong)address << 16) | port, Purpose + (ulong)shard);
    }

    /// <summary>A wake-up for the pool is queued (at <see cref="NextFree"/>).</summary>
    public bool TickPending { get; set; }

    /// <summary>Workers that finished by <paramref name="at"/> are free again.</summary>
    public void Release(Instant at)
    {
        while (_busyUntil.TryPeek(out _, out long until) && until <= at.Nanoseconds)
        {
            _busyUntil.Dequeue();
            _free++;
        }
    }

    /// <summary>Takes a free worker for one accepted connection; false when all are busy.</summary>
    public bool TryTake(Instant at)
    {
        Release(at);
        if (_free == 0) return false;
        _free--;
        long until = (at + DelayDraw.Draw(_service, ref _draws)).Nanoseconds;
        _busyUntil.Enqueue(until, until);
        return true;
    }

    /// <summary>When the next busy worker frees up; Never when none is busy.</summary>
    public Instant NextFree => _busyUntil.TryPeek(out _, out long until) ? new Instant(until) : Instant.Never;
}
