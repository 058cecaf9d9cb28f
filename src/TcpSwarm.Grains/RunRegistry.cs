using TcpSwarm.Simulation.Model;
using NetworkModel = TcpSwarm.Simulation.Network.Network;

namespace TcpSwarm.Grains;

/// <summary>The runs a silo knows: each run id's validated scenario and network, shared by its grains (read-only).</summary>
/// <remarks>Grain keys carry the run id, so a second run on a long-lived silo never meets the first one's activations.</remarks>
public sealed class RunRegistry
{
    private readonly Dictionary<string, RunContext> _runs = [];
    private readonly Lock _gate = new();

    public RunContext Register(string runId, Scenario scenario)
    {
        var context = new RunContext(runId, scenario, new NetworkModel(scenario));
        lock (_gate) _runs[runId] = context;
        return context;
    }

    public RunContext Get(string runId)
    {
        lock (_gate)
            return _runs.TryGetValue(runId, out var c)
                ? c
                : throw new InvalidOperationException($"run {runId} is not registered on this silo");
    }

    public void Forget(string runId)
    {
        lock (_gate) _runs.Remove(runId);
    }
}

/// <summary>One run as its grains see it: the scenario and the network model built from it.</summary>
public sealed record RunContext(string RunId, Scenario Scenario, NetworkModel Network);
