using TcpSwarm.Grains;
using TcpSwarm.Grains.Wire;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Silo;

/// <summary>Reads a run's scenario text on this silo with the scenario loader, exactly as the process that started the
/// run read it: same text, same overrides, same files, so every silo holds the same validated scenario.</summary>
public sealed class ScenarioTextReader : IScenarioTextReader
{
    public Scenario Read(string runId, ScenarioText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in text.Files) files[f.Path] = f.Text;
        var overrides = new ScenarioOverrides
        {
            Seed = text.Seed, Speed = text.Speed, Sets = [.. text.Sets.Select(s => (s.Key, s.Value))],
            SysctlFile = text.SysctlFile, Files = files,
        };
        var loaded = ScenarioLoader.LoadFromText(text.FileLabel, text.Text, overrides);
        return loaded.Scenario ?? throw new InvalidOperationException(
            $"run {runId}: this silo reads {text.FileLabel} otherwise: " +
            string.Join("; ", loaded.Problems.Select(p => p.ToString())));
    }
}
