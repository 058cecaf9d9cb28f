using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli;

/// <summary>docs/outputs.md's conservation, checked on what is written: every attempt in exactly one bucket, for the
/// run and for each client group. A broken one is the engine's bug, never the user's.</summary>
internal static class Conservation
{
    /// <summary>What is broken, in one line; null when the outcomes sum to the attempts everywhere.</summary>
    public static string? Broken(RunSummary summary)
    {
        if (summary.Outcomes.Total != summary.Attempts)
            return $"the outcomes sum to {summary.Outcomes.Total}, not to the {summary.Attempts} attempts "
                   + "(docs/outputs.md)";
        foreach (var client in summary.Clients)
        {
            if (client.Outcomes.Total != client.Attempts)
                return $"client group {client.Name}'s outcomes sum to {client.Outcomes.Total}, not to its "
                       + $"{client.Attempts} attempts (docs/outputs.md)";
        }
        return null;
    }
}
