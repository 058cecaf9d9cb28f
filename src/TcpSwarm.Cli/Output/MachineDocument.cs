namespace TcpSwarm.Cli.Output;

/// <summary>run.json's machine: what ran the run, for reading its wall-clock figures.</summary>
internal sealed record MachineDocument(int ProcessorCount, string OsDescription, string DotnetVersion)
{
    public static MachineDocument Current() => new(Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}
