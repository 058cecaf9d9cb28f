using System.Diagnostics;
using TcpSwarm.Grains;
using TcpSwarm.Silo.Metrics;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Silo;

/// <summary>Feeds this silo's TcpSwarm meter with its partition's share of every sample and its messages to other
/// silos, with the wall time since the run began here (the meter's speed and lag come from it).</summary>
public sealed class MeteredPartitions(TcpSwarmMetrics metrics) : IPartitionObserver
{
    private readonly Lock _gate = new();
    private Stopwatch _wall = Stopwatch.StartNew();

    public void Started()
    {
        lock (_gate) _wall = Stopwatch.StartNew();
    }

    public void Sampled(Scenario scenario, RunSample share)
    {
        TimeSpan elapsed;
        lock (_gate) elapsed = _wall.Elapsed;
        metrics.Observe(scenario, share, elapsed);
    }

    public void Exchanged(string peerSilo, long messages, long bytes) =>
        metrics.RecordExchange(peerSilo, messages, bytes);
}
