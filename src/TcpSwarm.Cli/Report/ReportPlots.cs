using ScottPlot;
using TcpSwarm.Simulation.Results;

namespace TcpSwarm.Cli.Report;

/// <summary>plots/*.png with ScottPlot 5: virtual seconds on every x axis, each plot titled and its axes labelled.
/// </summary>
/// <remarks>Each event's first instant (summary.json's events) is marked on the plots over time it concerns.
/// </remarks>
internal static class ReportPlots
{
    public const string Folder = "plots";
    public const int Width = 1000, Height = 560;
    private const string Time = "virtual time (s)";

    // The counters that mean a segment or a connection was dropped, reset or refused (as the live view's drops).
    public static readonly string[] DropCounters =
    [
        "ListenOverflows", "ListenDrops", "TCPReqQFullDrop", "TCPReqQFullDoCookies", "SyncookiesSent",
        "SyncookiesRecv", "SyncookiesFailed", "EmbryonicRsts", "TCPTimeWaitOverflow", "TCPAbortOnData",
        "TCPAbortOnClose", "TCPAbortOnTimeout", "OutRsts",
    ];

    /// <summary>A plot written: its path relative to the run folder and what it shows.</summary>
    public sealed record Written(string RelativePath, string Caption);

    public static IReadOnlyList<Written> Write(string folder, TimeSeriesHeader header, TimeSeriesTable table,
        IReadOnlyDictionary<string, (double Rate, double Bound)> predictions,
        IReadOnlyList<ReportEvents.Event>? events = null)
    {
        events ??= [];
        var plots = Output.RunFolder.RealSubfolder(folder, Folder);
        var xs = table.Seconds.ToArray();
        var written = new List<Written>();

        // Names from timeseries.json are made file-name parts, so none reaches outside plots/.
        void Save(Plot plot, string file, string caption)
        {
            file = Output.RunFiles.FileNamePart(file);
            Output.RunFiles.Replace(Path.Combine(plots, file), plot.GetImageBytes(Width, Height, ImageFormat.Png));
            written.Add(new Written(Folder + "/" + file, caption));
        }

        var states = New($"{header.Scenario}: connections by state (all hosts)", "sockets");
        foreach (var state in TimeSeriesTable.StateNames)
            if (table.Column("state." + state) is var ys && ys.Any(y => y != 0)) Line(states, xs, ys, state);
        Mark(states, events);
        Save(states, "states.png", "Sockets per RFC 9293 state over all hosts (request entries as syn_received)");

        foreach (var server in header.Servers)
        {
            var plot = New($"{server.Name}: SYN queue and accept queue against their limits", "entries");
            Line(plot, xs, table.Column(server.Name + ".syn_queue"), "SYN queue");
            Line(plot, xs, table.Column(server.Name + ".syn_queue_limit"), "SYN queue limit", dashed: true);
            Line(plot, xs, table.Column(server.Name + ".accept_queue"), "accept queue");
            Line(plot, xs, table.Column(server.Name + ".accept_queue_limit"), "accept queue limit", dashed: true,
                dotted: true);
            if (header.TcpSyncookies == 0 && table.Values.Count > 0)
            {
                // Without syncookies the quarter rule keeps the last quarter of tcp_max_syn_backlog for known peers.
                var places = Theory.SynQueuePlaces(
                    table.Column(server.Name + ".syn_queue_limit")[^1], header.TcpMaxSynBacklog);
                var line = plot.Add.HorizontalLine(places, 2, null, LinePattern.DenselyDashed);
                line.LegendText = "places for unknown peers (tcp_syncookies 0: the quarter rule)";
            }
            Mark(plot, events.Where(e => e.Where == server.Name));
            Save(plot, $"queues-{server.Name}.png", $"{server.Name}'s SYN and accept queues against their limits");
        }

        foreach (var client in header.Clients)
        {
            var plot = New($"{client.Name}: TIME_WAIT and ports in use", "sockets / ports");
            Line(plot, xs, table.Column(client.Name + ".time_wait"), "TIME_WAIT");
            Line(plot, xs, table.Column(client.Name + ".ports_in_use"), "ports in use");
            if (client.Closes == "server")
                Line(plot, xs, table.Column(client.Target + ".time_wait"), $"TIME_WAIT on {client.Target}");
            if (predictions.TryGetValue(client.Name, out var prediction))
            {
                var line = plot.Add.HorizontalLine(prediction.Bound, 2, null, LinePattern.Dashed);
                line.LegendText = "prediction, steady state (Little's law, bounded)";
                // Closes from 0 s at the close rate before any limit: records pile up until the first ones expire.
                var ramp = Array.ConvertAll(xs, t => (long)Math.Round(
                    Math.Min(prediction.Rate * Math.Min(t, header.TimeWaitSeconds), prediction.Bound)));
                Line(plot, xs, ramp, "prediction over time: min(rate × min(t, TIME_WAIT), bound)", dashed: true);
            }
            Mark(plot, events.Where(e => e.Where == client.Name || e.Where == client.Target));
            Save(plot, $"time-wait-{client.Name}.png",
                $"{client.Name}'s TIME_WAIT and ports in use, with the Little's-law prediction (steady state, "
                + "and over time at the close rate before ports or buckets ran out)");
        }

        var drops = New($"{header.Scenario}: drops, RSTs and syncookies by reason (cumulative)", "count");
        int shown = 0;
        foreach (var name in DropCounters)
            if (table.Column("counter." + name) is var ys && ys.Any(y => y != 0))
            {
                Line(drops, xs, ys, name);
                shown++;
            }
        if (shown == 0) drops.Title($"{header.Scenario}: drops, RSTs and syncookies by reason (none counted)");
        Mark(drops, events);
        Save(drops, "drops.png", "Drops, RSTs and syncookies by Linux counter, cumulative over all hosts");

        if (table.Values.Count > 0 && table.Has("handshake_s." + TimeSeriesTable.BucketNames[0]))
        {
            var counts = TimeSeriesTable.BucketNames
                .Select(b => (double)table.Column("handshake_s." + b)[^1]).ToArray();
            var handshakes = new Plot();
            handshakes.Title(
                $"{header.Scenario}: handshake times, connect() to ESTABLISHED ({counts.Sum():0} handshakes)");
            handshakes.XLabel("handshake time, up to (s)");
            handshakes.YLabel("handshakes");
            handshakes.Add.Bars(counts);
            handshakes.Axes.Bottom.SetTicks(Enumerable.Range(0, counts.Length).Select(i => (double)i).ToArray(),
                [.. TimeSeriesTable.BucketNames.Select(b => b.Replace("to_", "", StringComparison.Ordinal)
                    .Replace("over_", ">", StringComparison.Ordinal))]);
            Save(handshakes, "handshakes.png",
                "Handshake times in buckets whose bounds include 1, 3, 7, 15, 31 and 63 s (a resent SYN or SYN-ACK)");
        }
        return written;
    }

    // Each event's first instant as a vertical line, labelled with its name, place and instant.
    private static void Mark(Plot plot, IEnumerable<ReportEvents.Event> events)
    {
        foreach (var e in events)
        {
            var line = plot.Add.VerticalLine(e.FirstS, 1, null, LinePattern.Dotted);
            line.LegendText = $"first {e.Name} ({e.Where}) at {ReportEvents.Seconds(e.FirstS)}";
        }
    }

    private static Plot New(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(Time);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Line(Plot plot, double[] xs, long[] ys, string label, bool dashed = false, bool dotted = false)
    {
        if (xs.Length == 0) return;
        var line = plot.Add.ScatterLine(xs, Array.ConvertAll(ys, y => (double)y));
        line.LegendText = label;
        line.LineWidth = 2;
        if (dashed) line.LinePattern = dotted ? LinePattern.Dotted : LinePattern.Dashed;
    }
}
