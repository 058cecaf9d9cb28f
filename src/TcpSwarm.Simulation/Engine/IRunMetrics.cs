using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Where a silo publishes its samples and its traffic to other silos as metrics; the Silo layer's meter
/// implements it, so that grains below that layer can reach it through the silo's services.</summary>
/// <remarks>Each silo hands over its own share: its hosts, its events, its attackers; virtual time and windows are
/// the run's. The wall time is the caller's to measure: the engine never reads a clock.</remarks>
public interface IRunMetrics
{
    /// <summary>One sampling instant of a run on this silo, and the wall time since the run started.</summary>
    void Observe(Scenario scenario, RunSample sample, TimeSpan wallElapsed);

    /// <summary>Messages and bytes this silo sent to another silo since the last call.</summary>
    void RecordExchange(string peerSilo, long messages, long bytes);
}
