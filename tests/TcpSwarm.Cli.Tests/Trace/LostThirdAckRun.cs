using System.Diagnostics;

namespace TcpSwarm.Cli.Tests.Trace;

/// <summary>load/lost-third-ack.yaml run once by the real program, `dotnet tcpswarm.dll run ... --out DIR`.</summary>
public sealed class LostThirdAckRun : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public string Folder => _folder.Path;

    public string Output { get; private set; } = "";

    public string File(string name) => _folder.File(name);

    public async ValueTask InitializeAsync() => Output = await Run(Folder);

    /// <summary>Runs the scenario again into another folder; returns what it printed.</summary>
    public static async Task<string> Run(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"), "run", Repo.Load("lost-third-ack.yaml"),
                     "--out", folder,
                 })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"tcpswarm run exited {process.ExitCode}: {await error}");
        return await output;
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
