using TcpSwarm.Grains.Wire;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Paths;

namespace TcpSwarm.Grains;

/// <summary>The runs a silo knows: each run id's validated scenario, network and partition map, shared by its grains
/// (read-only), and the silos its partitions live on.</summary>
/// <remarks>Grain keys carry the run id, so a second run on a long-lived silo never meets the first one's activations.
/// </remarks>
public sealed class RunRegistry
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

    /// <summary>The run a setup describes: registered here already (an embedded run), or loaded from the setup's
    /// scenario text and overrides exactly as the process that started it loaded them.</summary>
    public RunContext Join(RunSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (TryGet(setup.RunId, out var known)) return known;
        if (setup.ScenarioText is null)
            throw new InvalidOperationException($"run {setup.RunId} came without its scenario and is not known here");
        var sets = new List<(string, string)>();
        for (int i = 0; i < setup.SetKeys.Length; i++) sets.Add((setup.SetKeys[i], setup.SetValues[i]));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < setup.FilePaths.Length; i++) files[setup.FilePaths[i]] = setup.FileTexts[i];
        var overrides = new ScenarioOverrides
        {
            Seed = setup.Seed, Speed = setup.Speed, Sets = sets, SysctlFile = setup.SysctlFile, Files = files,
        };
        var loaded = ScenarioLoader.LoadFromText(setup.FileLabel, setup.ScenarioText, overrides);
        if (loaded.Scenario is null)
            throw new InvalidOperationException($"run {setup.RunId}: this silo reads {setup.FileLabel} otherwise: " +
                string.Join("; ", loaded.Problems.Select(p => p.ToString())));
        return Register(setup.RunId, loaded.Scenario, setup.Silos);
    }

    public bool TryGet(string runId, out RunContext context)
    {
        lock (_gate) return _runs.TryGetValue(runId, out context!);
    }

    public RunContext Get(string runId) =>
        TryGet(runId, out var c) ? c : throw new InvalidOperationException($"run {runId} is not registered on this silo");

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
