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
        var (code, output, error) = await RealProcess.Run("run", Repo.Load("lost-third-ack.yaml"), "--out", folder);
        if (code != 0) throw new InvalidOperationException($"tcpswarm run exited {code}: {error}");
        return output;
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
