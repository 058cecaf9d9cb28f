using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>One listening socket of a server: the whole server, or one of its SO_REUSEPORT shards, with its own
/// accept().</summary>
internal sealed class ServerRole(int index, int shard, int shards, ServerSpec spec, Listener listener, int position)
{
    public readonly int Index = index;
    public readonly int Shard = shard;
    public readonly int Shards = shards;
    public readonly int Position = position;
    public readonly ServerSpec Spec = spec;
    public readonly Listener Listener = listener;
    public Instant NextAccept;
    public bool TickPending;
    public long Accepted;
    public AcceptWorkers? Workers { get; init; }
}
