namespace TcpSwarm.Cli.Tests.Report;

/// <summary>Two real runs of load/quickstart.yaml with the same seed, each into its own temporary folder, shared
/// by the tests of one class (each run takes seconds).</summary>
public sealed class QuickstartRuns : IAsyncLifetime
{
    private readonly TempFolder _temp = new();

    public string First => Path.Combine(_temp.Path, "a");

    public string Second => Path.Combine(_temp.Path, "b");

    public async ValueTask InitializeAsync()
    {
        foreach (var folder in (string[])[First, Second])
        {
            var (code, _, error) = await RealProcess.Run("run", Repo.Load("quickstart.yaml"), "--out", folder);
            Assert.True(code == 0, error);
        }
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
