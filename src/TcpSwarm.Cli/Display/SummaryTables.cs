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
        foreach (var v in s.Servers)
        {
            var rows = new List<IReadOnlyList<string>>
            {
                Row("SYN queue peak", Numbers.Count(v.PeakSynQueue), Numbers.Count(v.SynQueueLimit)),
                Row("accept queue peak", Numbers.Count(v.PeakAcceptQueue), Numbers.Count(v.AcceptQueueLimit)),
                Row("TIME_WAIT peak", Numbers.Count(v.PeakTimeWait), ""),
                Row("admitted", Numbers.Count(v.Admitted), ""),
                Row("accepted", Numbers.Count(v.Accepted), ""),
            };
            rows.AddRange(NonZero(v.Counters).Select(c => Row(c.Key, Numbers.Count(c.Value), "")));
            sections.Add(new SummarySection(["server " + v.Name, "count", "limit"], rows));
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
        }
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
               + $"{Numbers.Count(report.Events)} events on {report.Silos} silo{(report.Silos == 1 ? "" : "s")}";
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
