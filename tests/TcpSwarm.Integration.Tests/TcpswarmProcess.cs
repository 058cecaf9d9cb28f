using System.Diagnostics;

namespace TcpSwarm.Integration.Tests;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll ARGS`, bounded in time: killed if it runs past
/// its limit.</summary>
internal static class TcpswarmProcess
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(TimeSpan limit, params string[] args)
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
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"tcpswarm {string.Join(' ', args)} ran past {limit} and was killed: {await output}{await error}");
        }
        return (process.ExitCode, await output, await error);
    }
}
