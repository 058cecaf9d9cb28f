using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Tests.Report;

/// <summary>What a real run of the quickstart leaves beside summary.json: the time series, the plots, report.md,
/// and `tcpswarm report` rebuilding the same report.</summary>
public sealed class RunFolderTests(QuickstartRuns runs) : IClassFixture<QuickstartRuns>
{
    private string File(string name) => Path.Combine(runs.First, name);

    private JsonElement Summary() => JsonDocument.Parse(System.IO.File.ReadAllBytes(File("summary.json"))).RootElement;

    private TimeSeriesTable Table() => TimeSeriesJson.Read(System.IO.File.ReadAllBytes(File("timeseries.json"))).Table;

    [Fact]
    public void The_time_series_has_one_row_per_sample_interval()
    {
        var table = Table();
        double seconds = Summary().GetProperty("virtual_seconds").GetDouble();

        Assert.Equal(20, table.Values.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (double)i), table.Seconds);
        Assert.Equal(seconds, table.Seconds[^1]);
        var csv = System.IO.File.ReadAllText(File("timeseries.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(21, csv.Length);
        Assert.Equal(string.Join(',', table.Columns), csv[0]);
    }

    [Fact]
    public void Each_row_s_states_and_outcomes_add_up()
    {
        var table = Table();
        var attempts = table.Column("attempts");
        var synReceived = table.Column("state.syn_received");
        var timeWait = table.Column("state.time_wait");
        for (int r = 0; r < table.Values.Count; r++)
        {
            long outcomes = TimeSeriesTable.OutcomeNames.Sum(o => table.Column("outcome." + o)[r]);
            Assert.Equal(attempts[r], outcomes);
            Assert.Equal(attempts[r], table.Column("browsers.attempts")[r]);
            Assert.Equal(synReceived[r], table.Column("web.syn_queue")[r]);     // clients never hold SYN_RCVD
            Assert.Equal(timeWait[r], table.Column("browsers.time_wait")[r] + table.Column("web.time_wait")[r]);
            Assert.True(table.Column("state.established")[r] >= 0);
        }
    }

    [Fact]
    public void The_last_row_agrees_with_summary_json()
    {
        var table = Table();
        var summary = Summary();
        var outcomes = summary.GetProperty("outcomes");

        Assert.Equal(summary.GetProperty("attempts").GetInt64(), table.Column("attempts")[^1]);
        foreach (var o in TimeSeriesTable.OutcomeNames)
            Assert.Equal(outcomes.GetProperty(o).GetInt64(), table.Column("outcome." + o)[^1]);
        var browsers = summary.GetProperty("clients").GetProperty("browsers");
        Assert.Equal(browsers.GetProperty("peak_time_wait").GetInt64(), table.Column("browsers.time_wait").Max());
        Assert.Equal(summary.GetProperty("servers").GetProperty("web").GetProperty("peak_syn_queue").GetInt64(),
            table.Column("web.syn_queue").Max());
        Assert.Equal(summary.GetProperty("attackers").GetProperty("flood").GetProperty("spoofed_syns").GetInt64(),
            table.Column("flood.spoofed_syns")[^1]);
    }

    [Fact]
    public void Every_completed_attempt_was_once_established_so_the_handshake_histogram_counts_at_least_as_many()
    {
        var table = Table();
        var summary = Summary();
        long handshakes = TimeSeriesTable.BucketNames.Sum(b => table.Column("handshake_s." + b)[^1]);
        long completed = summary.GetProperty("outcomes").GetProperty("completed").GetInt64();
        long attempts = summary.GetProperty("attempts").GetInt64();
        Assert.InRange(handshakes, completed, attempts);
        // Every completed attempt ended on the client, so its lifetime is counted; the flood's requests expire.
        Assert.True(TimeSeriesTable.BucketNames.Sum(b => table.Column("lifetime_s." + b)[^1]) >= completed);
        Assert.True(TimeSeriesTable.BucketNames.Sum(b => table.Column("syn_rcvd_s." + b)[^1]) > 0);
    }

    [Fact]
    public void Two_runs_of_the_same_seed_write_byte_identical_time_series()
    {
        foreach (var name in (string[])["timeseries.csv", "timeseries.json", "summary.json", "report.md"])
            Assert.Equal(System.IO.File.ReadAllBytes(Path.Combine(runs.First, name)),
                System.IO.File.ReadAllBytes(Path.Combine(runs.Second, name)));
    }

    [Theory]
    [InlineData("states.png")]
    [InlineData("queues-web.png")]
    [InlineData("time-wait-browsers.png")]
    [InlineData("drops.png")]
    [InlineData("handshakes.png")]
    public void Each_plot_is_a_png_of_scottplot_s_size(string name)
    {
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(runs.First, "plots", name));

        Assert.True(bytes.Length > 10_000, $"{bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(1000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(560, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Contains($"(plots/{name})", System.IO.File.ReadAllText(File("report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_states_summary_json_s_numbers_as_summary_json_has_them()
    {
        var report = System.IO.File.ReadAllText(File("report.md"));
        var summary = Summary();
        var browsers = summary.GetProperty("clients").GetProperty("browsers");
        string completed = browsers.GetProperty("outcomes").GetProperty("completed").GetRawText();
        string seconds = summary.GetProperty("virtual_seconds").GetRawText();

        Assert.Contains($"| attempts | {summary.GetProperty("attempts").GetRawText()} | 100.0% |", report,
            StringComparison.Ordinal);
        Assert.Contains($"= {completed} / {seconds} = ", report, StringComparison.Ordinal);
        Assert.Contains($"Simulated TIME_WAIT peak: **{browsers.GetProperty("peak_time_wait").GetRawText()}**", report,
            StringComparison.Ordinal);
        double rate = double.Parse(completed, CultureInfo.InvariantCulture)
                      / double.Parse(seconds, CultureInfo.InvariantCulture);
        Assert.Contains($"Prediction: **{(rate * 60).ToString("0.###", CultureInfo.InvariantCulture)}** "
                        + "(the binding term: close rate × TIME_WAIT length)", report, StringComparison.Ordinal);
        Assert.Contains("the regime does not hold: tcp_syncookies is 1", report, StringComparison.Ordinal);
        Assert.Contains("| flood | web | " + summary.GetProperty("attackers").GetProperty("flood")
            .GetProperty("spoofed_syns").GetRawText() + " |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_rebuilds_the_report_that_run_wrote_byte_for_byte()
    {
        var written = System.IO.File.ReadAllBytes(File("report.md"));
        System.IO.File.Delete(File("report.md"));
        System.IO.File.Delete(Path.Combine(runs.First, "plots", "states.png"));

        var (code, output, error) = await RealProcess.Run("report", runs.First);

        Assert.True(code == 0, error);
        Assert.StartsWith("written: ", output, StringComparison.Ordinal);
        Assert.Equal(written, System.IO.File.ReadAllBytes(File("report.md")));
        Assert.True(System.IO.File.Exists(Path.Combine(runs.First, "plots", "states.png")));
    }
}
