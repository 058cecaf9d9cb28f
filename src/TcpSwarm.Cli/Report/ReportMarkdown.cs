using System.Globalization;
using System.Text;
using System.Text.Json;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Report;

/// <summary>report.md: the summary tables, the plots and the theory beside the figures, from the run's data files.
/// </summary>
/// <remarks>Every figure taken from summary.json is its JSON text verbatim; computed figures use fixed invariant
/// formats, so the same files give the same report, byte for byte.</remarks>
internal static class ReportMarkdown
{
    private static readonly string[] Buckets = ["completed", "refused", "reset", "timed_out", "port_exhausted", "open"];

    public static string Build(JsonElement summary, TimeSeriesHeader header, TimeSeriesTable table,
        IReadOnlyList<ReportPlots.Written> plots, JsonElement? run = null)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(summary.GetProperty("scenario").GetString())
            .Append(", seed ").Append(Raw(summary, "seed")).Append("\n\n");
        if (header.Question.Length > 0) md.Append("> ").Append(header.Question).Append("\n\n");
        ReportAnswer.Append(md, summary, table);
        md.Append("Profile `").Append(header.Profile).Append("`, ").Append(Raw(summary, "virtual_seconds"))
            .Append(" s of virtual time, a time-series row every ").Append(Num(header.SampleIntervalSeconds))
            .Append(" s (").Append(table.Values.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" rows in timeseries.csv and timeseries.json).");
        if (header.TimeWaitIsStudy)
            md.Append(" TIME_WAIT lasts ").Append(Num(header.TimeWaitSeconds))
                .Append(" s here: a study, no stock Linux kernel has it (TCP_TIMEWAIT_LEN is 60 s).");
        md.Append("\n\n");
        ReportSetup.AppendRun(md, run, summary.GetProperty("virtual_seconds").GetDouble(), header.DurationSeconds);
        md.Append("## Summary\n\n");
        Outcomes(md, summary, summary.GetProperty("outcomes"), Raw(summary, "attempts"));
        Servers(md, summary.GetProperty("servers"));
        Clients(md, summary.GetProperty("clients"));
        Attackers(md, summary.GetProperty("attackers"));
        ReportEvents.AppendDurations(md, summary);
        ReportEvents.AppendEvents(md, summary);
        ReportSetup.AppendChecks(md, run);

        md.Append("## Plots\n\n");
        foreach (var plot in plots)
            md.Append("![").Append(plot.Caption).Append("](").Append(plot.RelativePath).Append(")\n\n");

        ReportTheory.Append(md, summary, header, table);
        return md.ToString();
    }

    private static void Outcomes(StringBuilder md, JsonElement summary, JsonElement outcomes, string attempts)
    {
        long total = summary.GetProperty("attempts").GetInt64();
        md.Append("| connection attempts | count | share |\n| --- | ---: | ---: |\n");
        md.Append("| attempts | ").Append(attempts).Append(" | ").Append(Share(total, total)).Append(" |\n");
        foreach (var bucket in Buckets)
            md.Append("| ").Append(bucket).Append(" | ").Append(Raw(outcomes, bucket)).Append(" | ")
                .Append(Share(outcomes.GetProperty(bucket).GetInt64(), total)).Append(" |\n");
        md.Append('\n');
    }

    private static void Servers(StringBuilder md, JsonElement servers)
    {
        md.Append("### Servers\n\n| server | admitted | accepted | SYN queue peak / limit | accept queue peak / limit "
                  + "| TIME_WAIT peak | drops by reason | cookies sent | counters |\n"
                  + "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        foreach (var s in servers.EnumerateObject())
        {
            var v = s.Value;
            md.Append("| ").Append(s.Name).Append(" | ").Append(Raw(v, "admitted")).Append(" | ")
                .Append(Raw(v, "accepted")).Append(" | ").Append(Raw(v, "peak_syn_queue")).Append(" / ")
                .Append(Raw(v, "syn_queue_limit"));
            if (v.TryGetProperty("syn_queue_effective_limit", out var effective)
                && effective.GetRawText() != Raw(v, "syn_queue_limit"))
                md.Append(" (").Append(effective.GetRawText()).Append(" for unproven peers)");
            md.Append(" | ").Append(Raw(v, "peak_accept_queue")).Append(" / ")
                .Append(Raw(v, "accept_queue_limit")).Append(" | ").Append(Raw(v, "peak_time_wait")).Append(" | ")
                .Append(Drops(v)).Append(" | ")
                .Append(v.TryGetProperty("cookies_sent", out var cookies) ? cookies.GetRawText() : "-").Append(" | ")
                .Append(Counters(v)).Append(" |\n");
        }
        md.Append("\nDrops are by reason, each dropped segment once (their total is Linux's ListenDrops, which "
                  + "already holds ListenOverflows); a cookie answers a SYN and drops nothing.\n\n");
    }

    private static void Clients(StringBuilder md, JsonElement clients)
    {
        md.Append("### Client groups\n\n| group | target | attempts | ").Append(string.Join(" | ", Buckets))
            .Append(" | TIME_WAIT peak | ports in use peak | counters |\n| --- | --- |")
            .Append(string.Concat(Enumerable.Repeat(" ---: |", Buckets.Length + 3))).Append(" --- |\n");
        foreach (var c in clients.EnumerateObject())
        {
            var v = c.Value;
            var outcomes = v.GetProperty("outcomes");
            long attempts = v.GetProperty("attempts").GetInt64();
            md.Append("| ").Append(c.Name).Append(" | ").Append(v.GetProperty("target").GetString()).Append(" | ")
                .Append(Raw(v, "attempts"));
            foreach (var bucket in Buckets)
                md.Append(" | ").Append(Raw(outcomes, bucket)).Append(" (")
                    .Append(Share(outcomes.GetProperty(bucket).GetInt64(), attempts)).Append(')');
            md.Append(" | ").Append(Raw(v, "peak_time_wait")).Append(" | ").Append(Raw(v, "peak_ports_in_use"))
                .Append(" | ").Append(Counters(v)).Append(" |\n");
        }
        md.Append('\n');
    }

    private static void Attackers(StringBuilder md, JsonElement attackers)
    {
        if (!attackers.EnumerateObject().Any()) return;
        md.Append("### Attackers\n\nSpoofed SYNs are not connection attempts (docs/outputs.md).\n\n"
                  + "| attacker | target | spoofed SYNs | lost on the path |\n| --- | --- | ---: | ---: |\n");
        foreach (var a in attackers.EnumerateObject())
            md.Append("| ").Append(a.Name).Append(" | ").Append(a.Value.GetProperty("target").GetString()).Append(" | ")
                .Append(Raw(a.Value, "spoofed_syns")).Append(" | ").Append(Raw(a.Value, "lost")).Append(" |\n");
        md.Append('\n');
    }

    private static string Drops(JsonElement server)
    {
        if (!server.TryGetProperty("drops", out var drops)) return "-";
        var parts = drops.EnumerateObject().Where(d => d.Name != "total" && d.Value.GetInt64() != 0)
            .Select(d => d.Name + " " + d.Value.GetRawText()).ToList();
        return parts.Count == 0 ? "none" : $"{Raw(drops, "total")}: {string.Join(", ", parts)}";
    }

    private static string Counters(JsonElement owner)
    {
        var parts = owner.GetProperty("counters").EnumerateObject().Select(c => c.Name + " " + c.Value.GetRawText());
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "none" : text;
    }

    public static string Raw(JsonElement e, string name) => e.GetProperty(name).GetRawText();

    public static string Share(long part, long whole) => whole == 0
        ? "n/a"
        : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
