using Spectre.Console;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Display;

/// <summary>The summary at a run's end: attempts and each outcome with its share; per server its queue peaks against
/// their limits and its non-zero counters; per client group its outcomes, TIME_WAIT and ports peaks; per attacker
/// its SYNs. Plain aligned text for logs, Spectre tables on a terminal.</summary>
internal static class SummaryTables
{
    public static IReadOnlyList<SummarySection> Sections(RunSummary s)
    {
        var sections = new List<SummarySection> { Outcomes("outcomes", s.Attempts, s.Outcomes, []) };
        if (s.Attempts > 0) sections.Add(Durations("all clients", s.Handshake, s.Lifetime));
        foreach (var v in s.Servers)
        {
            var rows = new List<IReadOnlyList<string>>
            {
                Row("SYN queue peak", Numbers.Count(v.PeakSynQueue), Numbers.Count(v.SynQueueLimit)),
            };
            if (v.SynQueueEffectiveLimit != v.SynQueueLimit)
                rows.Add(Row("  limit for unproven peers", "", Numbers.Count(v.SynQueueEffectiveLimit)));
            rows.AddRange(
            [
                Row("accept queue peak", Numbers.Count(v.PeakAcceptQueue), Numbers.Count(v.AcceptQueueLimit)),
                Row("TIME_WAIT peak", Numbers.Count(v.PeakTimeWait), ""),
                Row("admitted", Numbers.Count(v.Admitted), ""),
                Row("accepted", Numbers.Count(v.Accepted), ""),
                Row("drops", Numbers.Count(v.Drops.Total), ""),
            ]);
            var reasons = Simulation.Engine.RunProgressBuilder.ByReason(v.Drops);
            for (int i = 0; i < reasons.Length; i++)
                if (reasons[i] != 0)
                    rows.Add(Row("  " + Simulation.Engine.RunProgressBuilder.DropReasons[i], Numbers.Count(reasons[i]),
                        ""));
            rows.Add(Row("cookies sent (not drops)", Numbers.Count(v.CookiesSent), ""));
            rows.AddRange(NonZero(v.Counters).Select(c => Row(c.Key, Numbers.Count(c.Value), "")));
            sections.Add(new SummarySection(["server " + v.Name, "count", "limit"], rows));
            if (v.Handshake.Completed + v.Lifetime.Count > 0)
                sections.Add(Durations("server " + v.Name, v.Handshake, v.Lifetime));
        }
        foreach (var v in s.Clients)
        {
            var extra = new List<IReadOnlyList<string>>
            {
                Row("TIME_WAIT peak", Numbers.Count(v.PeakTimeWait), ""),
                Row("ports in use peak", Numbers.Count(v.PeakPortsInUse), ""),
            };
            extra.AddRange(NonZero(v.Counters).Select(c => Row(c.Key, Numbers.Count(c.Value), "")));
            sections.Add(Outcomes($"clients {v.Name} -> {v.Target}", v.Attempts, v.Outcomes, extra));
            if (s.Clients.Count > 1 && v.Attempts > 0)
                sections.Add(Durations($"clients {v.Name}", v.Handshake, v.Lifetime));
        }
        if (s.Events.Count > 0)
            sections.Add(new SummarySection(["event", "where", "first", "last", "count"],
                s.Events.Select(e => Row(e.Name, e.Where, Numbers.Seconds(e.FirstS), Numbers.Seconds(e.LastS),
                    Numbers.Count(e.Count))).ToList()));
        if (s.Attackers.Count > 0)
        {
            sections.Add(new SummarySection(["attacker", "target", "spoofed SYNs", "lost"],
                s.Attackers.Select(a => Row(a.Name, a.Target, Numbers.Count(a.SpoofedSyns), Numbers.Count(a.Lost)))
                    .ToList()));
        }
        return sections;
    }

    /// <summary>The run in one line: what, how far, how it ended, how fast.</summary>
    public static string Headline(RunReport report)
    {
        var s = report.Summary;
        var wall = report.Wall.TotalSeconds;
        var status = report.Status switch
        {
            RunStatus.Interrupted => "interrupted",
            RunStatus.ClusterFailed => "stopped: the cluster failed",
            _ => "completed",
        };
        return $"{s.Scenario} seed {s.Seed}, {s.Profile}: {Numbers.Seconds(s.VirtualSeconds)} of virtual time in "
               + $"{Numbers.Seconds(wall)} wall ({status}); {Numbers.Count(report.Windows)} windows, "
               + $"{Numbers.Count(report.Events)} events on {report.Silos} silo{(report.Silos == 1 ? "" : "s")}"
               + Idle(report.Cluster.IdleSilos);
    }

    // Silos a run was spread over that held no host: named, so that a user who asked for them sees why they idled.
    private static string Idle(IReadOnlyList<string> idle)
    {
        if (idle.Count == 0) return "";
        return idle.Count == 1
            ? $" ({idle[0]} idle: no unit to run there)"
            : $" ({idle.Count} idle, no unit to run there: {string.Join(", ", idle)})";
    }

    public static void WritePlain(IReadOnlyList<SummarySection> sections, TextWriter output)
    {
        foreach (var section in sections)
        {
            output.WriteLine();
            var widths = section.Headers.Select(h => h.Length).ToArray();
            foreach (var row in section.Rows)
                for (var i = 0; i < widths.Length && i < row.Count; i++) widths[i] = Math.Max(widths[i], row[i].Length);
            output.WriteLine(Aligned(section.Headers, widths));
            foreach (var row in section.Rows) output.WriteLine(Aligned(row, widths));
        }
    }

    public static void WriteRich(IReadOnlyList<SummarySection> sections, IAnsiConsole console)
    {
        foreach (var section in sections)
        {
            var table = new Table().Border(TableBorder.Rounded);
            for (var i = 0; i < section.Headers.Count; i++)
            {
                var column = new TableColumn(Markup.Escape(section.Headers[i]));
                table.AddColumn(i == 0 ? column : column.RightAligned());
            }
            foreach (var row in section.Rows) table.AddRow(row.Select(Markup.Escape).ToArray());
            console.Write(table);
        }
    }

    private static SummarySection Outcomes(string title, long attempts, Outcomes o,
        IReadOnlyList<IReadOnlyList<string>> extra)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row("attempts", Numbers.Count(attempts), Numbers.Share(attempts, attempts)),
            Row("completed", Numbers.Count(o.Completed), Numbers.Share(o.Completed, attempts)),
            Row("refused", Numbers.Count(o.Refused), Numbers.Share(o.Refused, attempts)),
            Row("reset", Numbers.Count(o.Reset), Numbers.Share(o.Reset, attempts)),
            Row("timed_out", Numbers.Count(o.TimedOut), Numbers.Share(o.TimedOut, attempts)),
            Row("port_exhausted", Numbers.Count(o.PortExhausted), Numbers.Share(o.PortExhausted, attempts)),
            Row("open", Numbers.Count(o.Open), Numbers.Share(o.Open, attempts)),
        };
        rows.AddRange(extra);
        return new SummarySection([title, "count", "share"], rows);
    }

    // Handshake and lifetime quantiles side by side, then the shares of attempts over 1 s, over 3 s, never completed.
    private static SummarySection Durations(string title, HandshakeFigures h, LifetimeFigures l)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            Row("count", Numbers.Count(h.Completed), Numbers.Count(l.Count)),
            Row("p50", Ms(h.P50Ms), Ms(l.P50Ms)),
            Row("p90", Ms(h.P90Ms), Ms(l.P90Ms)),
            Row("p99", Ms(h.P99Ms), Ms(l.P99Ms)),
            Row("max", Ms(h.MaxMs), Ms(l.MaxMs)),
            Row("attempts over 1 s", Percent(h.Over1s), ""),
            Row("attempts over 3 s", Percent(h.Over3s), ""),
            Row("never completed", Percent(h.NeverCompleted), ""),
        };
        return new SummarySection([title, "handshake", "lifetime"], rows);
    }

    /// <summary>A duration in ms as the summary shows it: "-" when there is none.</summary>
    public static string Ms(double? ms) => ms switch
    {
        null => "-",
        < 10 => Numbers.Fixed(ms.Value, 2) + " ms",
        < 10_000 => Numbers.Fixed(ms.Value, 1) + " ms",
        _ => Numbers.Seconds(ms.Value / 1000),
    };

    /// <summary>A share of 0 to 1 as a percentage with two decimals.</summary>
    public static string Percent(double share) => Numbers.Fixed(100 * share, 2) + "%";

    private static IEnumerable<KeyValuePair<string, long>> NonZero(IReadOnlyList<KeyValuePair<string, long>> counters)
        => counters.Where(c => c.Value != 0);

    private static string[] Row(params string[] cells) => cells;

    // The first column to the left, the figures to the right: numbers line up by their last digit.
    private static string Aligned(IReadOnlyList<string> cells, int[] widths)
    {
        var parts = new string[widths.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : "";
            parts[i] = i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]);
        }
        return string.Join("  ", parts).TrimEnd();
    }
}
