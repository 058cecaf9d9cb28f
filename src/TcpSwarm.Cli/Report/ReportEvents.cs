using System.Globalization;
using System.Text;
using System.Text.Json;
using static TcpSwarm.Cli.Report.ReportMarkdown;

namespace TcpSwarm.Cli.Report;

/// <summary>report.md's events (first and last instant of each, Linux's words) and its handshake and lifetime
/// quantiles, from summary.json; and the events as the plots' markers.</summary>
internal static class ReportEvents
{
    /// <summary>One of summary.json's events.</summary>
    public sealed record Event(string Name, string Where, double FirstS, double LastS, long Count, string? Message);

    /// <summary>summary.json's events, in its order (first instant, then name); none in an older file.</summary>
    public static IReadOnlyList<Event> Read(JsonElement summary)
    {
        if (!summary.TryGetProperty("events", out var events)) return [];
        return [.. events.EnumerateArray().Select(e => new Event(e.GetProperty("name").GetString()!,
            e.GetProperty("where").GetString()!, e.GetProperty("first_s").GetDouble(),
            e.GetProperty("last_s").GetDouble(), e.GetProperty("count").GetInt64(),
            e.TryGetProperty("linux_message", out var m) ? m.GetString() : null))];
    }

    public static void AppendEvents(StringBuilder md, JsonElement summary)
    {
        var events = Read(summary);
        md.Append("### Events\n\n");
        if (events.Count == 0)
        {
            md.Append("No SYN-queue or accept-queue overflow, no cookie, no EADDRNOTAVAIL, no TIME_WAIT bucket "
                      + "overflow.\n\n");
            return;
        }
        md.Append("| event | where | first | last | count | Linux says |\n| --- | --- | ---: | ---: | ---: | --- |\n");
        foreach (var e in events)
            md.Append("| ").Append(e.Name).Append(" | ").Append(e.Where).Append(" | ").Append(Seconds(e.FirstS))
                .Append(" | ").Append(Seconds(e.LastS)).Append(" | ")
                .Append(e.Count.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(e.Message is null ? "" : "`" + e.Message + "`").Append(" |\n");
        md.Append("\nFirst and last are virtual instants of the first and last occurrence over all hosts; the plots "
                  + "mark each first one.\n\n");
    }

    public static void AppendDurations(StringBuilder md, JsonElement summary)
    {
        if (!summary.TryGetProperty("handshake", out _)) return;
        md.Append("### Handshakes and lifetimes\n\n| over | handshakes | p50 | p90 | p99 | max | attempts over 1 s | "
                  + "over 3 s | never completed | lifetimes | p50 | p90 | p99 | max |\n| --- |")
            .Append(string.Concat(Enumerable.Repeat(" ---: |", 13))).Append('\n');
        Row(md, "all client groups", summary);
        foreach (var c in summary.GetProperty("clients").EnumerateObject()) Row(md, "clients " + c.Name, c.Value);
        foreach (var s in summary.GetProperty("servers").EnumerateObject()) Row(md, "server " + s.Name, s.Value);
        md.Append("\nHandshakes: connect() to ESTABLISHED on the client; a server's are those of the groups that "
                  + "target it. Quantiles are nearest-rank over completed handshakes, at three significant digits of a "
                  + "microsecond (at most 1% low; max exact); the shares are of all attempts, and an attempt whose "
                  + "handshake never completed is counted in its own column, not left out. Lifetimes: connect() or "
                  + "admission to CLOSED or TIME_WAIT, on the client's side (a server's: its own side).\n\n");
    }

    private static void Row(StringBuilder md, string label, JsonElement owner)
    {
        var h = owner.GetProperty("handshake");
        var l = owner.GetProperty("lifetime");
        md.Append("| ").Append(label).Append(" | ").Append(Raw(h, "completed"));
        foreach (var q in (string[])["p50_ms", "p90_ms", "p99_ms", "max_ms"]) md.Append(" | ").Append(Ms(h, q));
        foreach (var s in (string[])["over_1s", "over_3s", "never_completed"])
            md.Append(" | ").Append(Percent(h.GetProperty(s).GetDouble()));
        md.Append(" | ").Append(Raw(l, "count"));
        foreach (var q in (string[])["p50_ms", "p90_ms", "p99_ms", "max_ms"]) md.Append(" | ").Append(Ms(l, q));
        md.Append(" |\n");
    }

    public static string Ms(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null
        ? "-"
        : e.GetProperty(name).GetDouble().ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    public static string Percent(double share) =>
        (100 * share).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
