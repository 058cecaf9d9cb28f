using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TcpSwarm.Scenarios;

namespace TcpSwarm.Cli.Tests;

/// <summary>Overload seen before a run (the memory estimate, within 2× of the peak working set measured; a run
/// estimated above the machine's memory refused unless --force) and during it (past 80% of the memory, the run stops
/// with partial results, exit 6).</summary>
public sealed class OverloadTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    // A server that accepts 500/s under 20,000 connections/s: (20,000 - 500) × duration connections wait.
    private static string Overloaded(string duration) => $$"""
        # Does a server accepting 500/s keep up with 20,000 connections/s?
        seed: 1
        duration: {{duration}}
        servers:
          - { name: app, address: 10.0.2.10, port: 8080, backlog: 128, accept: { rate: 500/s },
              response: { bytes: 1KB } }
        clients:
          - { name: callers, addresses: 10.0.0.0/24, target: app, arrivals: { poisson: 20000/s } }
        paths:
          - { from: callers, to: app, latency: 5ms }
        """;

    [Fact]
    public async Task An_overloaded_servers_estimate_is_within_twice_the_peak_working_set_measured()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("slow.yaml"), Overloaded("2s"));
        var estimate = ScenarioLoader.Load(dir.File("slow.yaml")).Memory!;

        var (code, _, error, peak) = await PeakOf(NoEnvironment, "run", dir.File("slow.yaml"), "--out",
            dir.File("out"));

        Assert.True(code == 0, error);
        Assert.Equal("connections waiting for accept() until their clients give up", estimate.Dominant!.What);
        Assert.InRange(estimate.Bytes, peak / 2, peak * 2);
    }

    [Fact]
    public async Task A_floods_estimate_is_within_twice_the_peak_working_set_measured()
    {
        using var dir = new TempFolder();
        string[] sets = ["--set", "attackers.flood.syn_rate=100_000_000/s", "--set", "duration=10ms", "--set",
            "sample_interval=10ms"];
        var estimate = ScenarioLoader.Load(Repo.Load("syn-flood.yaml"), new ScenarioOverrides
        {
            Sets = [("attackers.flood.syn_rate", "100_000_000/s"), ("duration", "10ms"), ("sample_interval", "10ms")],
        }).Memory!;

        var (code, _, error, peak) = await PeakOf(NoEnvironment, ["run", Repo.Load("syn-flood.yaml"), .. sets, "--out",
            dir.File("out")]);

        Assert.True(code == 0, error);
        Assert.Equal(("flood", "SYNs in flight"), (estimate.Dominant!.Owner, estimate.Dominant.What));
        Assert.InRange(estimate.Bytes, peak / 2, peak * 2);
    }

    [Fact]
    public async Task A_run_estimated_past_the_memory_is_refused_and_with_force_stops_at_80_percent_with_exit_6()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("slow.yaml"), Overloaded("20s"));
        // The GC takes its hard limit for the machine's memory: 384 MiB, so 80% is 307 MiB.
        var small = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x18000000" };

        var refused = await RealProcess.RunWith(small, "run", dir.File("slow.yaml"), "--out", dir.File("refused"));
        var forced = await RealProcess.RunWith(small, "run", dir.File("slow.yaml"), "--out", dir.File("forced"),
            "--force");

        Assert.Equal(2, refused.Code);
        Assert.Contains("slow.yaml:5:13: servers[0]: the run would need about", refused.Error,
            StringComparison.Ordinal);
        Assert.Contains("more than the limit of 384 MiB; most of it is app: connections waiting for accept()",
            refused.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("refused")));
        Assert.True(forced.Code == ExitCodes.OutOfMemory, forced.Error);
        Assert.Contains("stopped: the working set reached", forced.Error, StringComparison.Ordinal);
        using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("forced"), "run.json")));
        Assert.Equal("interrupted", run.RootElement.GetProperty("status").GetString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.File("forced"), "summary.json")));
        Assert.True(summary.RootElement.GetProperty("virtual_seconds").GetDouble() < 20);
    }

    // The program as a child process, its peak working set read from /proc (VmHWM) until it exits.
    private static async Task<(int Code, string Out, string Error, long PeakBytes)> PeakOf(
        IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = RealProcess.StartInfo(env, args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        long peak = 0;
        var status = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(status));
            await Task.Delay(20, TestContext.Current.CancellationToken);   // a sampling period, not a wait
        }
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error, peak);
    }

    private static long HighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return 1024 * long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0],
                        CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // The process ended between two reads: its last reading stands.
        }
        return 0;
    }
}
