using System.Globalization;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Bench;

/// <summary>One TcpSwarm workload of the bench: a scenario as YAML text, loaded by the real loader, and what it is.
/// </summary>
/// <param name="Name">Its key in the JSON and the table.</param>
/// <param name="What">One line for the printed table: what is simulated.</param>
internal sealed record BenchWorkload(string Name, string What, string Yaml)
{
    /// <summary>The scenario, validated exactly as `tcpswarm run` validates a file (memory limit included).</summary>
    /// <exception cref="InvalidOperationException">The bench wrote a scenario its own loader refuses: our bug.
    /// </exception>
    public Scenario Load()
    {
        var loaded = ScenarioLoader.LoadFromText($"bench/{Name}.yaml", Yaml, null, Diagnostics.MemoryLimitBytes);
        return loaded.Scenario ?? throw new InvalidOperationException(
            $"the bench's {Name} scenario is refused: " + string.Join("; ", loaded.Problems.Select(p => p.ToString())));
    }

    internal static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
