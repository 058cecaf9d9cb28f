using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TcpSwarm.Simulation.Results;

/// <summary>timeseries.json: an object with "header" (scenario facts), "columns" (as in the CSV) and "rows" (one
/// array of numbers per sample, in the columns' order), written by hand so each row stays on one line.</summary>
public static class TimeSeriesJson
{
    public static byte[] Write(TimeSeriesHeader h, TimeSeriesTable table)
    {
        var t = new StringBuilder();
        t.Append("{\n  \"header\": {\n");
        Field(t, "scenario", Str(h.Scenario));
        Field(t, "question", Str(h.Question));
        Field(t, "seed", h.Seed.ToString(CultureInfo.InvariantCulture));
        Field(t, "profile", Str(h.Profile));
        Field(t, "duration_s", Num(h.DurationSeconds));
        Field(t, "sample_interval_s", Num(h.SampleIntervalSeconds));
        Field(t, "time_wait_s", Num(h.TimeWaitSeconds));
        Field(t, "time_wait_is_study", h.TimeWaitIsStudy ? "true" : "false");
        Field(t, "timeout_init_s", Num(h.TimeoutInitSeconds));
        Field(t, "tcp_rto_max_s", Num(h.TcpRtoMaxSeconds));
        Field(t, "tcp_synack_retries", Int(h.TcpSynackRetries));
        Field(t, "tcp_syncookies", Int(h.TcpSyncookies));
        Field(t, "tcp_max_syn_backlog", Int(h.TcpMaxSynBacklog));
        Field(t, "tcp_max_tw_buckets", Int(h.TcpMaxTwBuckets));
        Field(t, "tcp_tw_reuse", Int(h.TcpTwReuse));
        Field(t, "ephemeral_port_count", Int(h.EphemeralPortCount));
        List(t, "servers", h.Servers, s => $"{{\"name\": {Str(s.Name)}, \"backlog\": {Int(s.Backlog)}, "
                                           + $"\"reuse_port\": {Int(s.ReusePort)}}}");
        List(t, "clients", h.Clients, c => $"{{\"name\": {Str(c.Name)}, \"target\": {Str(c.Target)}, \"addresses\": "
                                           + $"{Int(c.Addresses)}, \"closes\": {Str(c.Closes)}, "
                                           + $"\"close\": {Str(c.Close)}}}");
        List(t, "attackers", h.Attackers, a => $"{{\"name\": {Str(a.Name)}, \"target\": {Str(a.Target)}, "
                                               + $"\"syn_rate_per_s\": {Num(a.SynRatePerSecond)}, \"start_s\": "
                                               + $"{Num(a.StartSeconds)}, \"stop_s\": {Num(a.StopSeconds)}, "
                                               + $"\"loss_ppm\": {Int(a.LossPpm)}}}");
        List(t, "pure_ack_drops", h.PureAckDrops, d => $"{{\"from\": {Str(d.From)}, \"to\": {Str(d.To)}, \"from_s\": "
                                                       + $"{Num(d.FromSeconds)}, \"until_s\": {Num(d.UntilSeconds)}}}",
            last: true);
        t.Append("  },\n  \"columns\": [").Append(string.Join(", ", table.Columns.Select(Str))).Append("],\n");
        t.Append("  \"rows\": [");
        for (int r = 0; r < table.Values.Count; r++)
        {
            t.Append(r == 0 ? "\n    [" : ",\n    [").Append(TimeSeriesTable.FormatSeconds(table.Seconds[r]));
            foreach (var v in table.Values[r]) t.Append(", ").Append(v.ToString(CultureInfo.InvariantCulture));
            t.Append(']');
        }
        t.Append(table.Values.Count == 0 ? "]\n}\n" : "\n  ]\n}\n");
        return Encoding.UTF8.GetBytes(t.ToString());
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a JsonException or KeyNotFoundException when it is not
    /// that.</summary>
    public static (TimeSeriesHeader Header, TimeSeriesTable Table) Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var h = root.GetProperty("header");
        var header = new TimeSeriesHeader(S(h, "scenario"), S(h, "question"), h.GetProperty("seed").GetUInt64(),
            S(h, "profile"), D(h, "duration_s"), D(h, "sample_interval_s"), D(h, "time_wait_s"),
            h.GetProperty("time_wait_is_study").GetBoolean(), D(h, "timeout_init_s"), D(h, "tcp_rto_max_s"),
            I(h, "tcp_synack_retries"), I(h, "tcp_syncookies"), I(h, "tcp_max_syn_backlog"), I(h, "tcp_max_tw_buckets"),
            I(h, "tcp_tw_reuse"), I(h, "ephemeral_port_count"),
            Items(h, "servers", e => new TimeSeriesHeader.Server(S(e, "name"), I(e, "backlog"), I(e, "reuse_port"))),
            Items(h, "clients", e => new TimeSeriesHeader.Client(S(e, "name"), S(e, "target"), I(e, "addresses"),
                S(e, "closes"), S(e, "close"))),
            Items(h, "attackers", e => new TimeSeriesHeader.Attacker(S(e, "name"), S(e, "target"),
                D(e, "syn_rate_per_s"), D(e, "start_s"), D(e, "stop_s"), I(e, "loss_ppm"))),
            Items(h, "pure_ack_drops", e => new TimeSeriesHeader.PureAckDrop(S(e, "from"), S(e, "to"), D(e, "from_s"),
                D(e, "until_s"))));
        var columns = root.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var seconds = new List<double>();
        var values = new List<long[]>();
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var cells = row.EnumerateArray().ToList();
            if (cells.Count != columns.Count)
                throw new JsonException($"a row has {cells.Count} values for {columns.Count} columns");
            seconds.Add(cells[0].GetDouble());
            values.Add(cells.Skip(1).Select(c => c.GetInt64()).ToArray());
        }
        return (header, new TimeSeriesTable(columns, seconds, values));
    }

    private static void Field(StringBuilder t, string name, string value) =>
        t.Append("    \"").Append(name).Append("\": ").Append(value).Append(",\n");

    private static void List<T>(StringBuilder t, string name, IReadOnlyList<T> items, Func<T, string> item,
        bool last = false)
    {
        t.Append("    \"").Append(name).Append("\": [");
        for (int i = 0; i < items.Count; i++) t.Append(i == 0 ? "" : ", ").Append(item(items[i]));
        t.Append(last ? "]\n" : "],\n");
    }

    private static string Str(string s) =>
        "\"" + JsonEncodedText.Encode(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    private static string Num(double d) => TimeSeriesTable.FormatSeconds(d);

    private static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static int I(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private static List<T> Items<T>(JsonElement e, string name, Func<JsonElement, T> item) =>
        e.GetProperty(name).EnumerateArray().Select(item).ToList();
}
