using System.Text;
using System.Text.Json;
using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests;

/// <summary>summary.json from a RunSummary built by hand: only what scenario and seed determine, byte for byte.
/// </summary>
public sealed class SummaryJsonTests
{
    [Fact]
    public void The_same_summary_gives_byte_identical_files()
    {
        using var temp = new TempFolder();
        var first = RunFiles.SummaryJson(Summaries.Example());
        RunFiles.Write(temp.Path, Summaries.Example(), RunJsonTests.Document(RunStatus.Completed));
        var written = File.ReadAllBytes(temp.File("summary.json"));
        RunFiles.Write(temp.Path, Summaries.Example(), RunJsonTests.Document(RunStatus.Completed));

        Assert.Equal(first, written);
        Assert.Equal(written, File.ReadAllBytes(temp.File("summary.json")));
    }

    // Linux's line, whole, as the events list carries it (net/ipv4/tcp_input.c, tcp_syn_flood_action).
    private const string Flooding =
        "TCP: request_sock_TCP: Possible SYN flooding on port 10.0.1.10:443. Sending cookies.";

    [Fact]
    public void The_file_is_exactly_this()
    {
        var text = Encoding.UTF8.GetString(RunFiles.SummaryJson(Summaries.Example()));

        Assert.Equal($$"""
            {
              "scenario": "syn-flood",
              "seed": 42,
              "profile": "linux-6.18",
              "virtual_seconds": 60,
              "attempts": 18000,
              "outcomes": {
                "completed": 16900,
                "refused": 0,
                "reset": 12,
                "timed_out": 300,
                "port_exhausted": 0,
                "open": 788
              },
              "servers": {
                "web": {
                  "admitted": 17700,
                  "accepted": 17690,
                  "peak_syn_queue": 1025,
                  "syn_queue_limit": 1025,
                  "syn_queue_effective_limit": 1025,
                  "peak_accept_queue": 14,
                  "accept_queue_limit": 1025,
                  "peak_time_wait": 0,
                  "drops": {
                    "syn_queue_full": 0,
                    "syn_queue_unproven_peer": 0,
                    "accept_queue_full": 0,
                    "total": 0
                  },
                  "cookies_sent": 280000,
                  "handshake": {
                    "completed": 17212,
                    "p50_ms": 41.3,
                    "p90_ms": 63.1,
                    "p99_ms": 1040,
                    "max_ms": 1062.5,
                    "over_1s": 0.005,
                    "over_3s": 0,
                    "never_completed": 0.043778
                  },
                  "lifetime": {
                    "count": 16912,
                    "p50_ms": 82.1,
                    "p90_ms": 120,
                    "p99_ms": 1090,
                    "max_ms": 1130.25
                  },
                  "counters": {
                    "ListenOverflows": 0,
                    "SyncookiesRecv": 16000,
                    "SyncookiesSent": 280000,
                    "TCPReqQFullDoCookies": 279000
                  }
                }
              },
              "clients": {
                "browsers": {
                  "target": "web",
                  "attempts": 18000,
                  "outcomes": {
                    "completed": 16900,
                    "refused": 0,
                    "reset": 12,
                    "timed_out": 300,
                    "port_exhausted": 0,
                    "open": 788
                  },
                  "peak_time_wait": 17950,
                  "peak_ports_in_use": 18020,
                  "handshake": {
                    "completed": 17212,
                    "p50_ms": 41.3,
                    "p90_ms": 63.1,
                    "p99_ms": 1040,
                    "max_ms": 1062.5,
                    "over_1s": 0.005,
                    "over_3s": 0,
                    "never_completed": 0.043778
                  },
                  "lifetime": {
                    "count": 16912,
                    "p50_ms": 82.1,
                    "p90_ms": 120,
                    "p99_ms": 1090,
                    "max_ms": 1130.25
                  },
                  "counters": {
                    "TCPSynRetrans": 1200,
                    "TCPTimeouts": 0
                  }
                }
              },
              "attackers": {
                "flood": {
                  "target": "web",
                  "spoofed_syns": 300000,
                  "lost": 3000
                }
              },
              "handshake": {
                "completed": 17212,
                "p50_ms": 41.3,
                "p90_ms": 63.1,
                "p99_ms": 1040,
                "max_ms": 1062.5,
                "over_1s": 0.005,
                "over_3s": 0,
                "never_completed": 0.043778
              },
              "lifetime": {
                "count": 16912,
                "p50_ms": 82.1,
                "p90_ms": 120,
                "p99_ms": 1090,
                "max_ms": 1130.25
              },
              "events": [
                {
                  "name": "syn_queue_overflow",
                  "where": "web",
                  "first_s": 0.25,
                  "last_s": 59.5,
                  "count": 279000
                },
                {
                  "name": "syncookies_sent",
                  "where": "web",
                  "first_s": 0.25,
                  "last_s": 59.5,
                  "count": 280000,
                  "linux_message": "{{Flooding}}"
                }
              ]
            }

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void The_keys_are_exactly_the_documented_snake_case_ones_in_order()
    {
        using var json = JsonDocument.Parse(RunFiles.SummaryJson(Summaries.Example()));
        var root = json.RootElement;

        Assert.Equal(["scenario", "seed", "profile", "virtual_seconds", "attempts", "outcomes", "servers", "clients",
            "attackers", "handshake", "lifetime", "events"], Keys(root));
        Assert.Equal(["completed", "p50_ms", "p90_ms", "p99_ms", "max_ms", "over_1s", "over_3s", "never_completed"],
            Keys(root.GetProperty("handshake")));
        Assert.Equal(["count", "p50_ms", "p90_ms", "p99_ms", "max_ms"], Keys(root.GetProperty("lifetime")));
        Assert.Equal(["name", "where", "first_s", "last_s", "count", "linux_message"],
            Keys(root.GetProperty("events")[1]));
        Assert.Equal(["syn_queue_full", "syn_queue_unproven_peer", "accept_queue_full", "total"],
            Keys(root.GetProperty("servers").GetProperty("web").GetProperty("drops")));
        Assert.Equal(["completed", "refused", "reset", "timed_out", "port_exhausted", "open"],
            Keys(root.GetProperty("outcomes")));
        Assert.Equal(["admitted", "accepted", "peak_syn_queue", "syn_queue_limit", "syn_queue_effective_limit",
            "peak_accept_queue", "accept_queue_limit", "peak_time_wait", "drops", "cookies_sent", "handshake",
            "lifetime", "counters"], Keys(root.GetProperty("servers").GetProperty("web")));
        Assert.Equal(["target", "attempts", "outcomes", "peak_time_wait", "peak_ports_in_use", "handshake", "lifetime",
            "counters"],
            Keys(root.GetProperty("clients").GetProperty("browsers")));
        Assert.Equal(["target", "spoofed_syns", "lost"], Keys(root.GetProperty("attackers").GetProperty("flood")));
    }

    [Fact]
    public void Counters_keep_linux_names_and_the_order_given()
    {
        var summary = Summaries.Example() with
        {
            Servers =
            [
                Summaries.Example().Servers[0] with { Counters = [new("TCPSynRetrans", 2), new("ListenDrops", 1)] },
            ],
        };
        using var json = JsonDocument.Parse(RunFiles.SummaryJson(summary));

        Assert.Equal(["TCPSynRetrans", "ListenDrops"],
            Keys(json.RootElement.GetProperty("servers").GetProperty("web").GetProperty("counters")));
    }

    [Fact]
    public void What_is_written_has_outcomes_summing_to_attempts()
    {
        using var json = JsonDocument.Parse(RunFiles.SummaryJson(Summaries.Example()));
        var root = json.RootElement;

        Assert.Equal(root.GetProperty("attempts").GetInt64(), Sum(root.GetProperty("outcomes")));
        foreach (var client in root.GetProperty("clients").EnumerateObject())
            Assert.Equal(client.Value.GetProperty("attempts").GetInt64(), Sum(client.Value.GetProperty("outcomes")));
    }

    [Fact]
    public void The_file_has_unix_line_endings_no_byte_order_mark_and_ends_with_a_newline()
    {
        var bytes = RunFiles.SummaryJson(Summaries.Example());

        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void Empty_lists_are_empty_objects_and_a_fractional_time_is_written_exactly()
    {
        var summary = new RunSummary("x", ulong.MaxValue, "rfc1122", 0.1, 0, Outcomes.None, [], [], []);
        using var json = JsonDocument.Parse(RunFiles.SummaryJson(summary));
        var root = json.RootElement;

        Assert.Equal(ulong.MaxValue, root.GetProperty("seed").GetUInt64());
        Assert.Equal("0.1", root.GetProperty("virtual_seconds").GetRawText());
        Assert.Equal("{}", root.GetProperty("servers").GetRawText());
        Assert.Equal("{}", root.GetProperty("attackers").GetRawText());
    }

    [Fact]
    public void The_file_reads_back_with_names_and_counters_in_their_order()
    {
        var read = JsonSerializer.Deserialize(RunFiles.SummaryJson(Summaries.Example()),
            RunJsonContext.Default.SummaryDocument)!;

        Assert.Equal(SummaryDocument.Of(Summaries.Example()).Outcomes, read.Outcomes);
        Assert.Equal(["web"], read.Servers.Entries.Select(e => e.Key));
        Assert.Equal(Summaries.Example().Servers[0].Counters, read.Servers.Entries[0].Value.Counters.Entries);
        Assert.Equal(3_000, read.Attackers.Entries[0].Value.Lost);
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    private static long Sum(JsonElement outcomes) => outcomes.EnumerateObject().Sum(p => p.Value.GetInt64());
}
