using System.Reflection;

namespace TcpSwarm.Cli;

/// <summary>This build's version: the assembly's informational version, as --version prints it.</summary>
internal static class ToolVersion
{
    public static string Informational { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString() ?? "unknown";
}
