using System.Globalization;
using System.Text;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Results;

/// <summary>The time series as a table: snake_case column names after scenario objects, one row per sample.</summary>
/// <remarks>The first column is <see cref="TimeColumn"/> (virtual seconds); every other value is a whole number.
/// The columns: <c>state.*</c> (sockets per RFC 9293 state), <c>attempts</c>, <c>outcome.*</c> (the four failures
/// are connect()'s errno buckets: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EADDRNOTAVAIL), <c>segments.*</c>, then per
/// server, client group and attacker <c>NAME.*</c>, then <c>counter.NAME</c> for every TcpExt counter (cumulative).
/// </remarks>
public sealed record TimeSeriesTable(IReadOnlyList<string> Columns, IReadOnlyList<double> Seconds,
    IReadOnlyList<long[]> Values)
{
    public const string TimeColumn = "time_s";

    public static readonly IReadOnlyList<string> StateNames =
    [
        "closed", "listen", "syn_sent", "syn_received", "established", "fin_wait_1", "fin_wait_2", "close_wait",
        "closing", "last_ack", "time_wait",
    ];

    public static readonly IReadOnlyList<string> OutcomeNames =
        ["completed", "refused", "reset", "timed_out", "port_exhausted", "open"];

    /// <summary>The histograms, each a column per bucket: counts so far of durations up to a bound, in
    /// seconds.</summary>
    public static readonly IReadOnlyList<string> Histograms = ["handshake_s", "syn_rcvd_s", "lifetime_s"];

    /// <summary>A bucket's column suffix: <c>to_0.025</c> holds durations in (previous bound, 0.025]; <c>over_127</c>
    /// the rest.</summary>
    public static readonly IReadOnlyList<string> BucketNames =
    [
        .. Engine.DurationHistogram.Bounds.Select(b => "to_" + b.ToString(CultureInfo.InvariantCulture)),
        "over_" + Engine.DurationHistogram.Bounds[^1].ToString(CultureInfo.InvariantCulture),
    ];

    public static TimeSeriesTable Of(Scenario scenario, IReadOnlyList<TimeSeriesRow> rows)
    {
        var columns = new List<string> { TimeColumn };
        foreach (var state in StateNames) columns.Add("state." + state);
        columns.Add("attempts");
        foreach (var outcome in OutcomeNames) columns.Add("outcome." + outcome);
        columns.AddRange(["segments.sent", "segments.lost", "segments.retransmitted"]);
        foreach (var s in scenario.Servers)
            foreach (var c in (string[])
                     ["syn_queue", "syn_queue_limit", "accept_queue", "accept_queue_limit", "time_wait"])
                columns.Add(s.Name + "." + c);
        foreach (var g in scenario.Clients)
            foreach (var c in (string[])["attempts", "completed", "time_wait", "ports_in_use"])
                columns.Add(g.Name + "." + c);
        foreach (var a in scenario.Attackers)
        {
            columns.Add(a.Name + ".spoofed_syns");
            columns.Add(a.Name + ".lost");
        }
        foreach (var name in Enum.GetNames<TcpExt>()) columns.Add("counter." + name);
        foreach (var histogram in Histograms)
            foreach (var bucket in BucketNames) columns.Add(histogram + "." + bucket);

        var seconds = new double[rows.Count];
        var values = new long[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            seconds[r] = rows[r].Seconds;
            values[r] = Flatten(rows[r], columns.Count - 1);
        }
        return new TimeSeriesTable(columns, seconds, values);
    }

    private static long[] Flatten(TimeSeriesRow row, int count)
    {
        var v = new List<long>(count);
        v.AddRange(row.States);
        var o = row.Outcomes;
        v.AddRange([row.Attempts, o.Completed, o.Refused, o.Reset, o.TimedOut, o.PortExhausted, o.Open]);
        v.AddRange([row.SegmentsSent, row.SegmentsLost, row.Retransmissions]);
        foreach (var s in row.Servers)
            v.AddRange([s.SynQueue, s.SynQueueLimit, s.AcceptQueue, s.AcceptQueueLimit, s.TimeWait]);
        foreach (var c in row.Clients) v.AddRange([c.Attempts, c.Completed, c.TimeWait, c.PortsInUse]);
        foreach (var a in row.Attackers) v.AddRange([a.SpoofedSyns, a.Lost]);
        v.AddRange(row.Counters);
        v.AddRange(row.Handshake);
        v.AddRange(row.SynReceivedTime);
        v.AddRange(row.Lifetime);
        if (v.Count != count) throw new InvalidOperationException($"a row has {v.Count} values for {count} columns");
        return [.. v];
    }

    /// <summary>The values of one column (not the time column), row by row.</summary>
    public long[] Column(string name)
    {
        int index = IndexOf(name);
        if (index <= 0) throw new ArgumentException($"the time series has no column '{name}'", nameof(name));
        var column = new long[Values.Count];
        for (int r = 0; r < Values.Count; r++) column[r] = Values[r][index - 1];
        return column;
    }

    public bool Has(string name) => IndexOf(name) > 0;

    private int IndexOf(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>timeseries.csv: a header row, then one line per row; invariant culture, '\n' line ends,
    /// UTF-8.</summary>
    public byte[] Csv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns)).Append('\n');
        for (int r = 0; r < Values.Count; r++)
        {
            text.Append(FormatSeconds(Seconds[r]));
            foreach (var value in Values[r]) text.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Seconds as the shortest text that reads back to the same double, in the invariant culture.</summary>
    public static string FormatSeconds(double seconds) => seconds.ToString("R", CultureInfo.InvariantCulture);
}
