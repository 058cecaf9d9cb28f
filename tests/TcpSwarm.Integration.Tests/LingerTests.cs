namespace TcpSwarm.Integration.Tests;

/// <summary>--metrics-linger: after a real run has written its files, its scrape endpoint keeps serving the TcpSwarm
/// meter, Orleans' and the runtime's (that the silo, and so Orleans' meter, lives until the linger ends is
/// EmbeddedRunnerTests').</summary>
public sealed class LingerTests
{
    [Fact]
    public async Task While_lingering_the_endpoint_serves_the_tcpswarm_orleans_and_runtime_meters()
    {
        int port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("tcpswarm-linger-").FullName;
        try
        {
            // Disposed (killed if still lingering) at the end of this block, before its folder goes.
            await using var run = ChildProcess.Tcpswarm("run", Repo.Path("load", "quickstart.yaml"), "--out", folder,
                "--metrics-port", $"{port}", "--metrics-linger", "30s");
            await run.WaitForLine(l => l.StartsWith("metrics: serving the last values", StringComparison.Ordinal),
                ChildProcess.Patience, "the run's lingering line (it did not linger)");

            // Two scrapes in a row, each a Prometheus would make: the endpoint serves all three meters after the run
            // has ended, and still does on the next scrape (no fixed wait: the scrapes themselves are what counts).
            using var http = new HttpClient();
            for (int scrape = 0; scrape < 2; scrape++)
            {
                var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics",
                    TestContext.Current.CancellationToken);
                var names = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0])
                    .ToHashSet(StringComparer.Ordinal);
                Assert.Contains(names, n => n.StartsWith("tcpswarm_simulation_virtual_time", StringComparison.Ordinal));
                Assert.Contains(names, n => n.StartsWith("orleans_", StringComparison.Ordinal));
                Assert.Contains(names, n => n.StartsWith("dotnet_", StringComparison.Ordinal));
                Assert.False(run.HasExited, $"the run stopped lingering: {run.Out}{run.Error}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
