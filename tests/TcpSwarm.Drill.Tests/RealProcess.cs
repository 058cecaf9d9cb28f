using System.Diagnostics;

namespace TcpSwarm.Drill.Tests;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll ARGS`: its exit code and what it printed.
/// </summary>
internal static class RealProcess
{
    public static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
