namespace TcpSwarm.Cli;

/// <summary>tcpswarm's entry point: the real console, the real runner, the real signals.</summary>
public static class Program
{
    /// <summary>Runs one verb and returns its exit code (docs/outputs.md).</summary>
    public static Task<int> Main(string[] args)
    {
        IdleWorkers.BlockAtOnceOnOneCore();
        return Tool.InvokeAsync(args, CliEnvironment.System());
    }
}
