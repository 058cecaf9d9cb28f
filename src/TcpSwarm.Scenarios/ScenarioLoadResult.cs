using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios;

/// <summary>A loaded scenario, or every problem found in it; never both.</summary>
/// <param name="Scenario">Null when there is any problem.</param>
/// <param name="Problems">Every problem, the file's in file order, then the options'.</param>
/// <param name="Notes">Valid but noteworthy choices (a backlog clamped by somaxconn, a TIME_WAIT study).</param>
/// <param name="Memory">The peak memory estimate, when the scenario was otherwise valid.</param>
public sealed record ScenarioLoadResult(
    Scenario? Scenario,
    IReadOnlyList<ScenarioProblem> Problems,
    IReadOnlyList<ScenarioNote> Notes,
    MemoryEstimate? Memory)
{
    public bool IsValid => Scenario is not null;

    /// <summary>The files the scenario refers to that the loader read, by path, with their text.</summary>
    public IReadOnlyDictionary<string, string> FilesRead { get; init; } = new Dictionary<string, string>();

    /// <summary>The checks the run must pass: the scenario's checks:, then --check, in order; empty when invalid.
    /// </summary>
    public IReadOnlyList<RunCheck> Checks { get; init; } = [];

    /// <summary>The scenario's text as it was read (empty when the file could not be read): what silos are handed,
    /// so a file that cannot be read twice (a pipe) reaches them whole.</summary>
    public string Text { get; init; } = "";
}
