using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Grains;

/// <summary>What a silo hears of its own part of a run, for what sits above the grains (the metrics).</summary>
public interface IPartitionObserver
{
    /// <summary>A run begins on this silo: its partition here is prepared.</summary>
    void Started();

    /// <summary>This silo's share of a sample: its hosts, its attackers' counts (zero for attackers elsewhere), its
    /// events; virtual time and windows as on every silo.</summary>
    void Sampled(Scenario scenario, RunSample share);

    /// <summary>A message to another partition's silo: arrivals, a promise, or both.</summary>
    void Exchanged(string peerSilo, long messages, long bytes);
}

/// <summary>Paces a run against the wall clock, from above the grains (the engine never reads a clock).</summary>
public interface IRunPacing
{
    /// <summary>An observer for one run: PaceAsync after each round of the clock's calls, Sampled at each sample.
    /// </summary>
    IRunObserver For(Scenario scenario);
}
