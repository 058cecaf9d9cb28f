using System.CommandLine;
using TcpSwarm.Cli.Output;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli;

/// <summary>run's --out (with ScenarioOptions' --force): which folder a run writes, held for the run's life, refused
/// (exit 2) before the run starts when it cannot be used.</summary>
internal sealed class RunFolderOptions
{
    private readonly Option<string> _out = new("--out")
    {
        HelpName = "DIR",
        Description = "The run folder, created with its parents, locked while the run writes there (a second run into "
                      + "it is refused). A folder that holds an earlier run is refused unless --force. Default: "
                      + "runs/<scenario>-<seed>/ under the current directory, or -2, -3, ... when that is taken.",
    };

    public void AddTo(Command command)
    {
        command.Add(_out);
    }

    /// <summary>The folder held, its run.json saying running; or null, the refusal printed (exit 2).</summary>
    public RunFolder? Claim(ParseResult parsed, Scenario scenario, bool force, RunDocument running,
        TextWriter error)
    {
        var requested = parsed.GetValue(_out);
        var folder = requested is null
            ? RunFolder.ClaimDefault(scenario.Name, scenario.Seed, running, out var problem)
            : RunFolder.ClaimOut(requested, force, running, out problem);
        if (folder is null)
            Diagnostics.Refuse([new ScenarioProblem("--out", 0, 0, "out", problem)], error);
        return folder;
    }
}
