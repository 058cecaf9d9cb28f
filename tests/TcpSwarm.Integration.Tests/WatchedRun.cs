using System.Text.Json;

namespace TcpSwarm.Integration.Tests;

/// <summary>A real Prometheus scraping a real `tcpswarm run` (Scenarios/watched.yaml) twice a second, once for all the
/// tests that read it: the run's folder and the time it ran, and the Prometheus that holds what it scraped.</summary>
public sealed class WatchedRun : IAsyncLifetime
{
    /// <summary>How long the run keeps serving after its end: several scrapes of its last values.</summary>
    private const string Linger = "3s";

    private readonly string _folder = Directory.CreateTempSubdirectory("tcpswarm-watched-").FullName;
    private Prometheus? _prometheus;
    private (int Code, string Out, string Error) _run;
    private JsonElement _summary, _timeSeries;

    public DateTimeOffset Started { get; private set; }
    public DateTimeOffset Ended { get; private set; }

    /// <summary>The run's summary.json; skips (or under CI fails) the test, as <see cref="Prometheus"/> does, when
    /// there was no run to read.</summary>
    public JsonElement Summary => Read(_summary);

    /// <summary>The run's timeseries.json; as <see cref="Summary"/>.</summary>
    public JsonElement TimeSeries => Read(_timeSeries);

    /// <summary>The Prometheus that scraped the run; skips (or under CI fails) the test when it is not installed.
    /// </summary>
    internal Prometheus Prometheus
    {
        get
        {
            Required.Program("prometheus", "prometheus");
            Assert.True(_run.Code == 0, $"tcpswarm run exited {_run.Code}: {_run.Error}\n{_run.Out}");
            return _prometheus!;
        }
    }

    // What the run wrote, once Prometheus's getter has made sure there was a run (it skips or fails the test).
    private JsonElement Read(JsonElement file)
    {
        _ = Prometheus;
        return file;
    }

    public async ValueTask InitializeAsync()
    {
        var binary = Required.Find("prometheus");
        if (binary is null) return;
        int metricsPort = FreePort.Next();
        _prometheus = await Prometheus.StartAsync(binary, [$"127.0.0.1:{metricsPort}"]);
        Started = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
        _run = await TcpswarmProcess.RunAsync(ChildProcess.Patience, "run",
            Path.Combine(AppContext.BaseDirectory, "Scenarios", "watched.yaml"), "--out", _folder,
            "--metrics-port", $"{metricsPort}", "--metrics-linger", Linger);
        Ended = DateTimeOffset.UtcNow;
        if (_run.Code != 0) return;
        _summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "summary.json"))).RootElement;
        _timeSeries = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "timeseries.json")))
            .RootElement;
    }

    public ValueTask DisposeAsync()
    {
        _prometheus?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
