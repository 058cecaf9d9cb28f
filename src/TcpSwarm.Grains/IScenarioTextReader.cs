using TcpSwarm.Grains.Wire;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Grains;

/// <summary>Reads a run's scenario text into the validated model, as the process that started the run read it. The
/// silo's host gives it (it knows the scenario files' syntax; the grains know only the model).</summary>
public interface IScenarioTextReader
{
    /// <summary>The scenario, or an exception naming every problem found.</summary>
    Scenario Read(string runId, ScenarioText text);
}
