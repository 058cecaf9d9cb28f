using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TcpSwarm.Integration.Tests;

/// <summary>A real Prometheus (Debian's package) on a loopback port, with its own config and storage in a temporary
/// folder, scraping the given targets every half second; killed and its folder removed on disposal.</summary>
internal sealed class Prometheus : IDisposable
{
    public const string Job = "tcpswarm";
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private Prometheus(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        _http.BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public static async Task<Prometheus> StartAsync(string binary, IEnumerable<string> targets)
    {
        var folder = Directory.CreateTempSubdirectory("tcpswarm-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 500ms
              scrape_timeout: 500ms
            scrape_configs:
              - job_name: {Job}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        int port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new Prometheus(process, folder, port);
        await prometheus.WaitReadyAsync();
        return prometheus;
    }

    private async Task WaitReadyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ChildProcess.Patience)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}");
            try
            {
                using var ready = await _http.GetAsync("-/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);                                  // a polling period, not a wait
        }
        throw new TimeoutException($"prometheus was not ready within {ChildProcess.Patience}");
    }

    /// <summary>A range query over [from, to] at one step a second: Prometheus' status and its result series.</summary>
    public async Task<(string Status, string Error, IReadOnlyList<Series> Series)> RangeAsync(string query,
        DateTimeOffset from, DateTimeOffset to)
    {
        var url = "api/v1/query_range?query=" + Uri.EscapeDataString(query) + "&start=" + Unix(from) + "&end="
                  + Unix(to) + "&step=1";
        return Parse(await _http.GetStringAsync(url).ConfigureAwait(false), "values");
    }

    /// <summary>An instant query now.</summary>
    public async Task<IReadOnlyList<Series>> InstantAsync(string query)
    {
        var (status, error, series) = Parse(await _http.GetStringAsync("api/v1/query?query="
                                                                      + Uri.EscapeDataString(query)), "value");
        Assert.True(status == "success", $"{query}: {error}");
        return series;
    }

    /// <summary>The values a label takes in the series that match a selector (Grafana's label_values).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match)
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync(
            $"api/v1/label/{label}/values?match[]=" + Uri.EscapeDataString(match)));
        return [.. json.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetString()!)];
    }

    private static (string, string, IReadOnlyList<Series>) Parse(string body, string valuesKey)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var status = root.GetProperty("status").GetString()!;
        if (status != "success") return (status, root.GetProperty("error").GetString() ?? "", []);
        var series = new List<Series>();
        foreach (var s in root.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = s.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var values = valuesKey == "values"
                ? s.GetProperty("values").EnumerateArray().Select(Value).ToList()
                : [Value(s.GetProperty("value"))];
            series.Add(new Series(labels, values));
        }
        return (status, "", series);
    }

    private static double Value(JsonElement pair) => pair[1].GetString() switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        var text => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unix(DateTimeOffset t) =>
        (t.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One result series: its labels and its values (one per step; a single one for an instant query).
    /// </summary>
    public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values);
}
