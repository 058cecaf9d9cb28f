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
}
