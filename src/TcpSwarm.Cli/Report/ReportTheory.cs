using System.Globalization;
using System.Text;
using System.Text.Json;
using TcpSwarm.Simulation.Results;
using static TcpSwarm.Cli.Report.ReportMarkdown;

namespace TcpSwarm.Cli.Report;

/// <summary>report.md's "Theory" section: each simulated figure beside its prediction, where one applies, and why
/// not where it does not.</summary>
internal static class ReportTheory
{
    /// <summary>Each client group's TIME_WAIT prediction (docs/outputs.md), for the plots; none for an RST close.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Rate, double Bound)> TimeWaitPredictions(JsonElement summary,
        TimeSeriesHeader header, TimeSeriesTable table)
    {
        var predictions = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var client in header.Clients)
            if (Bound(summary, header, table, client) is { } bound)
                predictions[client.Name] = (bound.Little / header.TimeWaitSeconds, bound.Value);
        return predictions;
    }

    public static void Append(StringBuilder md, JsonElement summary, TimeSeriesHeader header, TimeSeriesTable table)
    {
        md.Append("## Theory\n\n### TIME_WAIT on the closing side (Little's law, bounded)\n\n");
        if (header.Clients.Count == 0) md.Append("No client groups, so no connection is closed.\n\n");
        foreach (var client in header.Clients) TimeWait(md, summary, header, table, client);
        md.Append("### SYN-queue drops (Erlang loss formula)\n\n");
        foreach (var server in header.Servers) ReportErlang.Append(md, summary, header, table, server);
        SynAckSchedule(md, header, table);
    }

    private static Theory.TimeWaitBound? Bound(JsonElement summary, TimeSeriesHeader h, TimeSeriesTable table,
        TimeSeriesHeader.Client client)
    {
        if (client.Close != "fin") return null;
        var (completed, seconds, _) = ClosePeriod(summary, table, client);
        double rate = seconds > 0 ? completed / seconds : 0;
        long addresses = client.Closes == "client" ? client.Addresses : 1;
        long? ports = client.Closes != "client" ? null
            : h.TcpTwReuse == 1 ? Theory.PortsUnderReuse(h.EphemeralPortCount, rate)
            : h.EphemeralPortCount;
        return Theory.TimeWait(rate, h.TimeWaitSeconds, ports, addresses, h.TcpMaxTwBuckets);
    }

    // The close rate is the rate while connections could close freely: up to the first instant the group (or its
    // target) ran out of ports or TIME_WAIT buckets, from the time series' completions at the last row before it; the
    // whole run when neither happened. After it, completions follow expiries, not the arrivals.
    private static (long Completed, double Seconds, ReportEvents.Event? Limit) ClosePeriod(JsonElement summary,
        TimeSeriesTable table, TimeSeriesHeader.Client client)
    {
        var group = summary.GetProperty("clients").GetProperty(client.Name);
        long all = group.GetProperty("outcomes").GetProperty("completed").GetInt64();
        double run = summary.GetProperty("virtual_seconds").GetDouble();
        var limit = ReportEvents.Read(summary).FirstOrDefault(e => e.Name is "port_exhausted" or "tw_bucket_overflow"
            && (e.Where == client.Name || e.Where == client.Target));
        if (limit is null || !table.Has(client.Name + ".completed")) return (all, run, null);
        var completed = table.Column(client.Name + ".completed");
        int row = -1;
        for (int r = 0; r < table.Seconds.Count; r++)
            if (table.Seconds[r] <= limit.FirstS) row = r;
        return row < 0 ? (all, run, null) : (completed[row], table.Seconds[row], limit);
    }

    private static void TimeWait(StringBuilder md, JsonElement summary, TimeSeriesHeader h, TimeSeriesTable table,
        TimeSeriesHeader.Client c)
    {
        var group = summary.GetProperty("clients").GetProperty(c.Name);
        md.Append("**").Append(c.Name).Append("** (").Append(c.Addresses.ToString(CultureInfo.InvariantCulture))
            .Append(" address(es) to ").Append(c.Target).Append(", the ").Append(c.Closes).Append(" closes first with ")
            .Append(c.Close.ToUpperInvariant()).Append("): ");
        if (Bound(summary, h, table, c) is not { } bound)
        {
            md.Append("an RST close leaves no TIME_WAIT, so the prediction is 0; simulated peak ")
                .Append(Raw(group, "peak_time_wait")).Append(" (summary.json).\n\n");
            return;
        }
        var (completedCount, periodSeconds, limit) = ClosePeriod(summary, table, c);
        string completed = completedCount.ToString(CultureInfo.InvariantCulture);
        string seconds = Raw(summary, "virtual_seconds");
        double rate = bound.Little / h.TimeWaitSeconds;
        if (limit is null)
            md.Append("close rate = completed / virtual seconds = ").Append(completed).Append(" / ").Append(seconds);
        else
            md.Append("close rate before the first ").Append(limit.Name).Append(" (").Append(Num(limit.FirstS))
                .Append(" s) = completed by the last sample before it / its instant = ").Append(completed)
                .Append(" / ").Append(Num(periodSeconds));
        md.Append(" = ").Append(Num(rate)).Append("/s.");
        if (limit is not null)
            md.Append(" After it connections close only as fast as TIME_WAIT records expire, so the whole run's "
                      + "average would understate the rate that filled TIME_WAIT.");
        md.Append("\n\n| term | value |\n| --- | ---: |\n")
            .Append("| close rate × TIME_WAIT length (").Append(Num(h.TimeWaitSeconds)).Append(" s) | ")
            .Append(Num(bound.Little)).Append(" |\n| ports per destination × addresses | ");
        if (bound.Ports is { } ports)
            md.Append((ports / c.Addresses).ToString(CultureInfo.InvariantCulture)).Append(" × ")
                .Append(c.Addresses.ToString(CultureInfo.InvariantCulture)).Append(" = ").Append(Num(ports));
        else
            md.Append("does not apply (the server keeps TIME_WAIT; each client port is its own 4-tuple)");
        md.Append(" |\n| tcp_max_tw_buckets × ").Append(c.Closes == "client" ? "addresses" : "1 server address")
            .Append(" | ").Append(Num(bound.Buckets)).Append(" |\n\n");
        Explain(md, h, c, bound, rate);
        md.Append("Prediction: **").Append(Num(bound.Value)).Append("** (the binding term: ").Append(bound.Binding)
            .Append("). Simulated TIME_WAIT peak: **");
        if (c.Closes == "client") md.Append(Raw(group, "peak_time_wait")).Append("** (summary.json, clients.");
        else
            md.Append(Raw(summary.GetProperty("servers").GetProperty(c.Target), "peak_time_wait"))
                .Append("** (summary.json, servers.").Append(c.Target);
        md.Append(c.Closes == "client" ? c.Name : "").Append(".peak_time_wait).");
        double run = summary.GetProperty("virtual_seconds").GetDouble();
        if (run < h.TimeWaitSeconds)
        {
            double early = Math.Min(rate * run, Math.Min(bound.Ports ?? double.PositiveInfinity, bound.Buckets));
            md.Append(" The run (").Append(seconds)
                .Append(" s) is shorter than TIME_WAIT, so no record expired and "
                        + "Little's steady state was never reached: by the end one "
                        + "expects at most min(close rate × run length, the bounds) = ")
                .Append(Num(early)).Append('.');
        }
        md.Append("\n\n");
    }

    // Where each bound comes from: the port range (ip_local_port_range), its parity scan under tcp_tw_reuse 1,
    // tcp_max_tw_buckets, and when the binding one is reached at the close rate.
    private static void Explain(StringBuilder md, TimeSeriesHeader h, TimeSeriesHeader.Client c,
        Theory.TimeWaitBound bound, double rate)
    {
        if (c.Closes == "client")
        {
            md.Append("Ports: connect() to one address:port can use each of the ")
                .Append(h.EphemeralPortCount.ToString(CultureInfo.InvariantCulture))
                .Append(" ports of ip_local_port_range once per 4-tuple; a port in TIME_WAIT stays taken");
            if (h.TcpTwReuse == 1)
                md.Append(", except that tcp_tw_reuse 1 lets connect() take one over once tcp_tw_reuse_delay (")
                    .Append(Num(Theory.TwReuseDelaySeconds)).Append(" s) has passed since its last timestamp. Linux's "
                        + "__inet_hash_connect scans the ports of one parity first (it steps by 2 from an even offset) "
                        + "and takes the first free or reusable one, so while the close rate × tcp_tw_reuse_delay (")
                    .Append(Num(rate * Theory.TwReuseDelaySeconds)).Append(") is below half the range, TIME_WAIT "
                        + "records are reused within that half and the other parity is never needed: the bound is "
                        + "half the range");
            else if (h.TcpTwReuse == 2)
                md.Append(" (tcp_tw_reuse 2 reuses only on loopback, so here it acts as 0)");
            md.Append(". ");
        }
        md.Append("Buckets: tcp_max_tw_buckets (").Append(h.TcpMaxTwBuckets.ToString(CultureInfo.InvariantCulture))
            .Append(") caps the TIME_WAIT records of a host; beyond it a closing socket closes without TIME_WAIT "
                    + "(TCPTimeWaitOverflow). ");
        if (rate > 0 && bound.Value < bound.Little)
            md.Append("At ").Append(Num(rate)).Append("/s the binding bound is reached after about ")
                .Append(Num(bound.Value / rate)).Append(" s.");
        md.Append("\n\n");
    }

    private static void SynAckSchedule(StringBuilder md, TimeSeriesHeader h, TimeSeriesTable table)
    {
        var (offsets, drop) = Theory.SynAckSchedule(h.TimeoutInitSeconds, h.TcpRtoMaxSeconds, h.TcpSynackRetries);
        md.Append("### SYN-ACK retransmissions with every pure ACK lost\n\nThe profile's schedule (TCP_TIMEOUT_INIT ")
            .Append(Num(h.TimeoutInitSeconds)).Append(" s doubling, tcp_synack_retries ")
            .Append(h.TcpSynackRetries.ToString(CultureInfo.InvariantCulture)).Append("): SYN-ACKs ")
            .Append(string.Join(", ", offsets.Select(Num))).Append(" s after the first; the request is dropped at ")
            .Append(Num(drop)).Append(" s.\n\n");
        if (h.PureAckDrops.Count == 0)
        {
            md.Append("This scenario drops no pure ACKs, so the schedule is not exercised here.\n");
            return;
        }
        var fault = h.PureAckDrops[0];
        double step = h.SampleIntervalSeconds;
        var steps = Steps(table, "counter.RetransSegs");
        md.Append("Pure ACKs from ").Append(fault.From).Append(" to ").Append(fault.To).Append(" are dropped from ")
            .Append(Num(fault.FromSeconds)).Append(" s to ").Append(Num(fault.UntilSeconds))
            .Append(" s. The time series resolves a retransmission to its sample interval: each expected offset, plus "
                    + "the first SYN-ACK's send time (within the first interval), should fall in an interval where "
                    + "RetransSegs (nstat's TcpRetransSegs, which counts SYN-ACK retransmissions) grew.\n\n"
                    + "| expected | interval where retransmissions grew | agrees |\n"
                    + "| ---: | --- | --- |\n");
        foreach (var offset in offsets)
        {
            double lo = fault.FromSeconds + offset, hi = lo + step;
            var hit = steps.FirstOrDefault(s => s.From < hi && s.To >= lo);
            md.Append("| ").Append(Num(offset)).Append(" s | ")
                .Append(hit.To > 0 ? $"({Num(hit.From)} s, {Num(hit.To)} s]: +{hit.Added}" : "none")
                .Append(" | ").Append(hit.To > 0 ? "yes" : "no").Append(" |\n");
        }
        var queue = Steps(table, fault.To + ".syn_queue", falling: true)
            .FirstOrDefault(s => s.From < fault.FromSeconds + drop + step && s.To >= fault.FromSeconds + drop);
        md.Append("| drop at ").Append(Num(drop)).Append(" s | ")
            .Append(queue.To > 0
                ? $"({Num(queue.From)} s, {Num(queue.To)} s]: {fault.To}.syn_queue fell by {queue.Added}"
                : "no fall of the SYN queue there").Append(" | ").Append(queue.To > 0 ? "yes" : "no").Append(" |\n");
        var resets = Steps(table, "counter.OutRsts").Where(s => s.To > fault.FromSeconds + drop).ToList();
        md.Append("\nRSTs sent after the drop (OutRsts grew; the client's later data meets a forgotten request): ")
            .Append(resets.Count == 0
                ? "none"
                : string.Join(", ", resets.Select(r => $"({Num(r.From)} s, {Num(r.To)} s]: +{r.Added}")))
            .Append(".\n");
    }

    // The sample intervals (previous row, row] in which a cumulative column grew (or a gauge fell), and by how much.
    private static List<(double From, double To, long Added)> Steps(TimeSeriesTable table, string column,
        bool falling = false)
    {
        var steps = new List<(double, double, long)>();
        if (!table.Has(column)) return steps;
        var values = table.Column(column);
        for (int r = 0; r < values.Length; r++)
        {
            long before = r == 0 ? 0 : values[r - 1], change = falling ? before - values[r] : values[r] - before;
            if (change > 0) steps.Add((r == 0 ? 0 : table.Seconds[r - 1], table.Seconds[r], change));
        }
        return steps;
    }
}
