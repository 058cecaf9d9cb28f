using System.Text.Json;

namespace TcpSwarm.Integration.Tests;

/// <summary>A real run's scrape as Prometheus' own linter reads it: `promtool check metrics` accepts every family
/// without a warning, and every series tells its run apart (scenario, seed and run id, on target_info too).</summary>
public sealed class PromtoolTests
{
    [Fact]
    public async Task Promtool_accepts_a_real_scrape_without_a_warning_and_every_series_names_its_run()
    {
        var promtool = Required.Program("promtool", "prometheus");
        int port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("tcpswarm-promtool-").FullName;
        try
        {
            string text;
            await using (var run = ChildProcess.Tcpswarm("run", Repo.Path("load", "quickstart.yaml"), "--out", folder,
                             "--metrics-port", $"{port}", "--metrics-linger", "30s"))
            {
                await run.WaitForLine(l => l.StartsWith("metrics: serving the last values", StringComparison.Ordinal),
                    ChildProcess.Patience, "the run's lingering line");
                using var http = new HttpClient();
                text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics",
                    TestContext.Current.CancellationToken);
            }
            var scrape = Path.Combine(folder, "scrape.txt");
            await File.WriteAllTextAsync(scrape, text, TestContext.Current.CancellationToken);

            await using var check = ChildProcess.Start("sh", "-c", $"'{promtool}' check metrics < '{scrape}'");
            int code = await check.Exit();
            Assert.True(code == 0 && (check.Out + check.Error).Trim().Length == 0,
                $"promtool check metrics exited {code}:\n{check.Out}{check.Error}");

            using var runJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"),
                TestContext.Current.CancellationToken));
            var id = runJson.RootElement.GetProperty("run_id").GetString();
            Assert.StartsWith("quickstart-1-", id, StringComparison.Ordinal);
            var identity = $"tcpswarm_scenario=\"quickstart\",tcpswarm_seed=\"1\",tcpswarm_run_id=\"{id}\"";
            var samples = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
            Assert.Contains(samples, l => l.StartsWith("target_info{", StringComparison.Ordinal)
                                          && l.Contains(identity, StringComparison.Ordinal));
            var unnamed = samples.Where(l => !l.Contains(identity, StringComparison.Ordinal)).ToList();
            Assert.True(unnamed.Count == 0, $"{unnamed.Count} series without the run's identity, first: "
                                            + unnamed.FirstOrDefault());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
