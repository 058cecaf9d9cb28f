using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;

namespace TcpSwarm.Grains;

/// <summary>The runs a silo knows: each run id's validated scenario, network and partition map, shared by its grains
/// (read-only), and the silos its partitions live on.</summary>
/// <remarks>Grain keys carry the run id, so a second run on a long-lived silo never meets the first one's activations.
/// A run's scenario is read from its text once per silo, by the reader the silo's host gives.</remarks>
public sealed class RunRegistry(IScenarioTextReader reader)
{
    private readonly Dictionary<string, RunContext> _runs = [];
    private readonly Lock _gate = new();

    /// <summary>Registers a run on this silo; the same run registered again keeps its first context.</summary>
    public RunContext Register(string runId, Scenario scenario, IReadOnlyList<string> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        lock (_gate)
        {
            if (_runs.TryGetValue(runId, out var known)) return known;
            var context = new RunContext(runId, scenario, new Network(scenario), new PartitionMap(scenario,
                silos.Count), silos);
            _runs[runId] = context;
            return context;
        }
    }

    /// <summary>The run a setup describes: registered here already (an embedded run), or read from the setup's
    /// scenario text exactly as the process that started it read it.</summary>
    public RunContext Join(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (TryGet(setup.RunId, out var known)) return known;
        if (setup.Scenario is null)
            throw new InvalidOperationException($"run {setup.RunId} came without its scenario and is not known here");
        return Register(setup.RunId, reader.Read(setup.RunId, setup.Scenario), setup.Silos);
    }

    public bool TryGet(string runId, out RunContext context)
    {
        lock (_gate) return _runs.TryGetValue(runId, out context!);
    }

    public RunContext Get(string runId) =>
        TryGet(runId, out var c)
            ? c
            : throw new InvalidOperationException($"run {runId} is not registered on this silo");

    public void Forget(string runId)
    {
        lock (_gate) _runs.Remove(runId);
    }
}

/// <summary>One run as its grains see it: the scenario, the network model built from it, which partition owns each
/// host, and each partition's silo (its parsable address).</summary>
public sealed record RunContext(string RunId, Scenario Scenario, Network Network, PartitionMap Map,
    IReadOnlyList<string> Silos)
{
    /// <summary>The silo that holds a host's grains and its endpoints'.</summary>
    public string SiloOf(uint host) => Silos[Map.Of(host)];
}
