using System.CommandLine;
using System.CommandLine.Invocation;

namespace TcpSwarm.Cli;

/// <summary>`tcpswarm --version`: this build's informational version, the one run.json records, whichever assembly
/// started the process.</summary>
internal sealed class PrintVersion : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(ToolVersion.Informational);
        return ExitCodes.Done;
    }
}
