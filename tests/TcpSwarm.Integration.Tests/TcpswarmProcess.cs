namespace TcpSwarm.Integration.Tests;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll ARGS`, bounded in time: killed if it runs past
/// its limit.</summary>
internal static class TcpswarmProcess
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(TimeSpan limit, params string[] args)
    {
        await using var process = ChildProcess.Tcpswarm(args);
        try
        {
            int code = await process.Exit(limit);
            return (code, process.Out, process.Error);
        }
        catch (TimeoutException)
        {
            process.Kill();
            Assert.Fail(
                $"tcpswarm {string.Join(' ', args)} ran past {limit} and was killed: {process.Out}{process.Error}");
            throw;
        }
    }
}
