using System.Diagnostics;

namespace TcpSwarm.TestSupport;

/// <summary>The built program as a child process, `dotnet tcpswarm.dll ARGS`: its exit code and what it printed.
/// </summary>
public static class RealProcess
{
    public static Task<(int Code, string Out, string Error)> Run(params string[] args) =>
        RunWith(new Dictionary<string, string>(), args);

    /// <summary>The same with environment variables set for the child (a GC heap limit, say).</summary>
    public static async Task<(int Code, string Out, string Error)> RunWith(IReadOnlyDictionary<string, string> env,
        params string[] args)
    {
        var start = StartInfo(env, args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>How the program is started: `dotnet tcpswarm.dll ARGS` with ENV, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> env, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in env) start.Environment[name] = value;
        return start;
    }
}
