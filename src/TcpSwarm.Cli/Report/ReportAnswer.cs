using System.Globalization;
using System.Text;
using System.Text.Json;
using TcpSwarm.Simulation.Results;
using static TcpSwarm.Cli.Report.ReportEvents;

namespace TcpSwarm.Cli.Report;

/// <summary>report.md's first paragraph: the answer to the scenario's question in numbers, from summary.json. What
/// the clients saw (outcomes, handshake times), what each server dropped and why, the cookies it sent, TIME_WAIT
/// and ports, and when each event first and last happened.</summary>
internal static class ReportAnswer
{
    private static readonly string[] Failures = ["refused", "reset", "timed_out", "port_exhausted"];

    public static void Append(StringBuilder md, JsonElement summary, TimeSeriesTable table)
    {
        var sentences = new List<string>();
        var events = Read(summary);
        foreach (var c in summary.GetProperty("clients").EnumerateObject())
            sentences.Add(Client(c.Name, c.Value, events));
        foreach (var s in summary.GetProperty("servers").EnumerateObject())
            sentences.Add(Server(s.Name, s.Value, events));
        if (Lingering(table) is { } lingering) sentences.Add(lingering);
        if (sentences.Count == 0) return;
        md.Append("**Answer.** ").Append(string.Join(" ", sentences)).Append("\n\n");
    }

    // Sockets an application left open (CLOSE_WAIT: it never called close(); FIN_WAIT_2: its peer never closed), over
    // all hosts, from the time series: the states no summary figure holds.
    private static string? Lingering(TimeSeriesTable table)
    {
        var parts = new List<string>();
        foreach (var (column, state) in (ReadOnlySpan<(string, string)>)[
                     ("state.close_wait", "CLOSE_WAIT"), ("state.fin_wait_2", "FIN_WAIT_2")])
        {
            if (!table.Has(column)) continue;
            var values = table.Column(column);
            if (values.Length == 0 || values.Max() == 0) continue;
            parts.Add($"{state} peaked at {N(values.Max())} sockets ({N(values[^1])} at the end)");
        }
        return parts.Count == 0 ? null : "Over all hosts, " + string.Join("; ", parts) + ".";
    }

    private static string Client(string name, JsonElement c, IReadOnlyList<Event> events)
    {
        long attempts = c.GetProperty("attempts").GetInt64();
        var o = c.GetProperty("outcomes");
        var text = new StringBuilder();
        text.Append("Client group ").Append(name).Append(" made ").Append(N(attempts)).Append(" attempts: ")
            .Append(N(o.GetProperty("completed").GetInt64())).Append(" completed (")
            .Append(Share(o.GetProperty("completed").GetInt64(), attempts)).Append(')');
        foreach (var f in Failures)
            if (o.GetProperty(f).GetInt64() is var n and > 0)
                text.Append(", ").Append(N(n)).Append(' ').Append(f).Append(" (").Append(Share(n, attempts))
                    .Append(')');
        if (o.GetProperty("open").GetInt64() is var open and > 0)
            text.Append(", ").Append(N(open)).Append(" still open");
        text.Append('.');
        if (c.TryGetProperty("handshake", out var h) && h.GetProperty("completed").GetInt64() > 0)
            text.Append(" Handshakes took ").Append(Ms(h, "p50_ms")).Append(" at the median, ").Append(Ms(h, "p99_ms"))
                .Append(" at p99 and ").Append(Ms(h, "max_ms")).Append(" at most; ")
                .Append(Percent(h.GetProperty("over_1s").GetDouble())).Append(" of attempts took over 1 s, ")
                .Append(Percent(h.GetProperty("over_3s").GetDouble())).Append(" over 3 s, and ")
                .Append(Percent(h.GetProperty("never_completed").GetDouble())).Append(" never completed.");
        if (c.GetProperty("peak_time_wait").GetInt64() is var tw and > 0)
            text.Append(" It held up to ").Append(N(tw)).Append(" sockets in TIME_WAIT and ")
                .Append(N(c.GetProperty("peak_ports_in_use").GetInt64())).Append(" ports in use.");
        foreach (var e in events.Where(e => e.Where == name)) text.Append(' ').Append(Sentence(e));
        return text.ToString();
    }

    private static string Server(string name, JsonElement s, IReadOnlyList<Event> events)
    {
        var text = new StringBuilder();
        text.Append("Server ").Append(name).Append(" admitted ").Append(N(s.GetProperty("admitted").GetInt64()))
            .Append(" connections; its SYN queue peaked at ").Append(N(s.GetProperty("peak_syn_queue").GetInt64()))
            .Append(" of ").Append(N(s.GetProperty("syn_queue_limit").GetInt64()));
        if (s.TryGetProperty("syn_queue_effective_limit", out var eff)
            && eff.GetInt64() != s.GetProperty("syn_queue_limit").GetInt64())
            text.Append(" (").Append(N(eff.GetInt64())).Append(" for peers not proven alive: tcp_syncookies 0 keeps "
                                                            + "the last quarter of tcp_max_syn_backlog)");
        text.Append(", its accept queue at ").Append(N(s.GetProperty("peak_accept_queue").GetInt64())).Append(" of ")
            .Append(N(s.GetProperty("accept_queue_limit").GetInt64())).Append('.');
        if (s.TryGetProperty("drops", out var d))
        {
            long total = d.GetProperty("total").GetInt64();
            if (total == 0) text.Append(" It dropped nothing");
            else
            {
                text.Append(" It dropped ").Append(N(total)).Append(" segments (ListenDrops): ");
                var parts = new List<string>();
                if (d.GetProperty("syn_queue_full").GetInt64() is var full and > 0)
                    parts.Add(N(full) + " SYNs on a full SYN queue");
                if (d.GetProperty("syn_queue_unproven_peer").GetInt64() is var unproven and > 0)
                    parts.Add(N(unproven) + " SYNs from unproven peers past three quarters of tcp_max_syn_backlog");
                if (d.GetProperty("accept_queue_full").GetInt64() is var accept and > 0)
                    parts.Add(N(accept) + " SYNs or final ACKs on a full accept queue");
                text.Append(string.Join(", ", parts));
            }
            long cookies = s.GetProperty("cookies_sent").GetInt64();
            text.Append(cookies > 0 ? $" and answered {N(cookies)} SYNs with a cookie (answers, not drops)." : ".");
        }
        if (s.GetProperty("peak_time_wait").GetInt64() is var tw and > 0)
            text.Append(" It held up to ").Append(N(tw)).Append(" sockets in TIME_WAIT.");
        var counters = s.GetProperty("counters");
        if (counters.TryGetProperty("RetransSegs", out var re) && events.All(e => e.Where != name))
            text.Append(" It retransmitted ").Append(N(re.GetInt64())).Append(" segments")
                .Append(counters.TryGetProperty("OutRsts", out var rst) ? $" and sent {N(rst.GetInt64())} RSTs." : ".");
        foreach (var e in events.Where(e => e.Where == name)) text.Append(' ').Append(Sentence(e));
        return text.ToString();
    }

    private static string Sentence(Event e)
    {
        var what = e.Name switch
        {
            "syn_queue_overflow" => "The SYN queue first overflowed",
            "syncookies_sent" => "The first cookie left",
            "accept_queue_overflow" => "The accept queue first overflowed",
            "port_exhausted" => "connect() first failed with EADDRNOTAVAIL",
            "tw_bucket_overflow" => "tcp_max_tw_buckets was first reached",
            _ => e.Name,
        };
        var sentence = $"{what} at {Seconds(e.FirstS)}, the last time at {Seconds(e.LastS)} ({N(e.Count)} in all)";
        if (e.Message is null) return sentence + ".";
        var quoted = $"{sentence}; Linux says \"{e.Message}\"";
        return e.Message.EndsWith('.') ? quoted : quoted + ".";
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long part, long whole) => ReportMarkdown.Share(part, whole);
}
