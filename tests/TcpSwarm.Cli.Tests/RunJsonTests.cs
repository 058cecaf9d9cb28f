using System.Text.Json;
using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>run.json: what the run was like, everything summary.json must not hold.</summary>
public sealed class RunJsonTests
{
    internal static RunDocument Document(RunStatus status) => RunDocument.Of(Summaries.Report(status),
        new DateTimeOffset(2025, 11, 25, 17, 46, 3, 250, TimeSpan.Zero), ["run", "load/syn-flood.yaml", "--seed", "42"],
        new MachineDocument(2, "Debian GNU/Linux 12", ".NET 10.0.0"));

    [Theory]
    [InlineData(RunStatus.Completed, "completed")]
    [InlineData(RunStatus.Interrupted, "interrupted")]
    [InlineData(RunStatus.ClusterFailed, "cluster_failed")]
    public void Each_status_is_named(RunStatus status, string name)
    {
        using var json = JsonDocument.Parse(RunFiles.RunJson(Document(status)));

        Assert.Equal(name, json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Every_status_of_the_contract_has_a_name()
    {
        foreach (var status in Enum.GetValues<RunStatus>()) Assert.NotEmpty(RunDocument.StatusName(status));
    }

    [Fact]
    public void The_file_is_exactly_this()
    {
        var text = System.Text.Encoding.UTF8.GetString(RunFiles.RunJson(Document(RunStatus.ClusterFailed)));

        Assert.Equal($$"""
            {
              "status": "cluster_failed",
              "failure": "silo 2 was lost at 31.2s of virtual time\n(membership: no heartbeat)",
              "wall_seconds": 12.5,
              "windows": 12000,
              "events": 2500000,
              "events_per_wall_second": 200000,
              "silos": 3,
              "cluster": {
                "silos": [
                  "127.0.0.1:11111@1",
                  "127.0.0.1:11112@1",
                  "127.0.0.1:11113@1"
                ],
                "idle_silos": [],
                "messages_between_silos": 24000,
                "bytes_between_silos": 9600000,
                "messages_per_window": 2,
                "bytes_per_window": 800,
                "peak_messages_in_a_window": 6,
                "peak_bytes_in_a_window": 48000,
                "waits_for_peers": 1500,
                "seconds_running_windows": [
                  4.25,
                  3.5,
                  3.125
                ],
                "seconds_waiting_for_peers": [
                  0.5,
                  1.25,
                  1
                ],
                "seconds_at_barriers": 0.25,
                "lost_silo": "127.0.0.1:11113@1",
                "virtual_seconds_reached": 31.25,
                "results_as_of_seconds": 60
              },
              "started_at": "2025-11-25T17:46:03Z",
              "arguments": [
                "run",
                "load/syn-flood.yaml",
                "--seed",
                "42"
              ],
              "tcpswarm_version": "{{ToolVersion.Informational}}",
              "machine": {
                "processor_count": 2,
                "os_description": "Debian GNU/Linux 12",
                "dotnet_version": ".NET 10.0.0"
              },
              "run_id": null,
              "setup": null,
              "checks": []
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void A_run_without_measurable_wall_time_has_no_event_rate_and_a_completed_one_no_failure()
    {
        var report = Summaries.Report(RunStatus.Completed) with { Wall = TimeSpan.Zero };
        using var json = JsonDocument.Parse(RunFiles.RunJson(RunDocument.Of(report, DateTimeOffset.UnixEpoch, [],
            MachineDocument.Current())));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("events_per_wall_second").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("failure").ValueKind);
        Assert.Equal("1970-01-01T00:00:00Z", json.RootElement.GetProperty("started_at").GetString());
    }

    [Fact]
    public async Task Run_json_records_the_command_line_and_the_clocks_start()
    {
        using var temp = new TempFolder();
        var tool = new Tcpswarm { Runner = TestDoubleRunner.Returning(Summaries.Report(RunStatus.Completed)) };
        string[] args = ["run", Repo.Load("quickstart.yaml"), "--out", temp.Path, "--set", "duration=16s"];

        await tool.Run(args);

        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("run.json")));
        Assert.Equal(args, json.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("2025-11-25T17:46:03Z", json.RootElement.GetProperty("started_at").GetString());
        Assert.Equal(Environment.ProcessorCount,
            json.RootElement.GetProperty("machine").GetProperty("processor_count").GetInt32());
    }
}
