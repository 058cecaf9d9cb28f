using System.Diagnostics;

namespace TcpSwarm.Integration.Tests;

/// <summary>--metrics-linger: after a real run has written its files, its scrape endpoint keeps serving the TcpSwarm
/// meter, Orleans' and the runtime's (that the silo, and so Orleans' meter, lives until the linger ends is
/// EmbeddedRunnerTests').</summary>
public sealed class LingerTests
{
    [Fact]
    public async Task While_lingering_the_endpoint_serves_the_tcpswarm_orleans_and_runtime_meters()
    {
        int port = RealComponent.FreePort();
        var folder = Directory.CreateTempSubdirectory("tcpswarm-linger-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "tcpswarm.dll"), "run",
                     Repo.Path("load", "quickstart.yaml"), "--out", folder, "--metrics-port", $"{port}",
                     "--metrics-linger", "30s" })
            start.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = start };
        var lingering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("metrics: serving the last values", StringComparison.Ordinal)) lingering.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ended = process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var first = await Task.WhenAny(lingering.Task, ended, Task.Delay(TimeSpan.FromSeconds(90),
                TestContext.Current.CancellationToken));
            Assert.True(first == lingering.Task, $"the run did not linger: {output}");

            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);   // a scrape or two later
            Assert.False(process.HasExited, $"the run stopped lingering: {output}");
            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", TestContext.Current.CancellationToken);
            var names = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0])
                .ToHashSet(StringComparer.Ordinal);
            Assert.Contains(names, n => n.StartsWith("tcpswarm_simulation_virtual_time", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("orleans_", StringComparison.Ordinal));
            Assert.Contains(names, n => n.StartsWith("dotnet_", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Directory.Delete(folder, recursive: true);
        }
    }
}
