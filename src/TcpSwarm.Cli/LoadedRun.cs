using TcpSwarm.Cli.Checks;
using TcpSwarm.Cli.Output;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli;

/// <summary>A scenario ready to run, with its checks resolved and the account of its setup run.json keeps.</summary>
internal sealed record LoadedRun(Scenario Scenario, MemoryEstimate? Memory, CheckVerdicts Checks, SetupDocument Setup);
