using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>The real program run in-process through its entry point, with its streams captured, stdout not a
/// terminal, a test double (or no runner) for the engine, a manual clock and Ctrl-C pressed by the test.</summary>
internal sealed class Tcpswarm
{
    private readonly List<Interruption> _interruptions = [];

    public IScenarioRunner? Runner { get; init; }

    /// <summary>A new runner per run (sweep runs several at once); Runner when null.</summary>
    public Func<IScenarioRunner?>? Runners { get; init; }

    public ManualClock Clock { get; } = new();

    public Interruption? Interruption => _interruptions.LastOrDefault();

    public static Task<Result> RunWithoutEngine(params string[] args) => new Tcpswarm().Run(args);

    public static Task<Result> RunRefusing(params string[] args) =>
        new Tcpswarm { Runner = TestDoubleRunner.MustNotRun() }.Run(args);

    public async Task<Result> Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var env = new CliEnvironment(output, error, OutIsTerminal: false,
            _ => Runners is { } make ? make() : Runner, Clock, e =>
        {
            var interruption = new Interruption(e);
            _interruptions.Add(interruption);
            return interruption;
        });
        var code = await Tool.InvokeAsync(args, env);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>An exit code and what was printed.</summary>
    internal sealed record Result(int Code, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public void AssertNoStackTrace()
        {
            foreach (var text in (string[])[Out, Error])
            {
                Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            }
        }
    }
}
