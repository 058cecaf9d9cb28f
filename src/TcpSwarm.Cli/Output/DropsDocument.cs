using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Output;

/// <summary>summary.json's drops of one server by reason, each drop once; total is Linux's ListenDrops.</summary>
internal sealed record DropsDocument(long SynQueueFull, long SynQueueUnprovenPeer, long AcceptQueueFull, long Total)
{
    public static DropsDocument Of(ListenDrops d) =>
        new(d.SynQueueFull, d.SynQueueUnprovenPeer, d.AcceptQueueFull, d.Total);
}
