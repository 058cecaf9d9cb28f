using System.Globalization;
using System.Text;
using System.Text.Json;
using TcpSwarm.Simulation.Results;
using static TcpSwarm.Cli.Report.ReportMarkdown;

namespace TcpSwarm.Cli.Report;

/// <summary>The SYN queue under a flood of un-acknowledged SYNs against Erlang's loss formula B(E, m), only in the
/// regime where it holds (docs/outputs.md): no syncookies, no pruning of old requests, one listener.</summary>
internal static class ReportErlang
{
    public static void Append(StringBuilder md, JsonElement summary, TimeSeriesHeader h, TimeSeriesTable table,
        TimeSeriesHeader.Server server)
    {
        md.Append("**").Append(server.Name).Append("**: ");
        var attackers = h.Attackers.Where(a => a.Target == server.Name).ToList();
        if (attackers.Count == 0)
        {
            md.Append("no attacker floods it; the formula describes a flood of SYNs nobody acknowledges, so there is "
                      + "nothing to set it beside.\n\n");
            return;
        }
        var limitColumn = server.Name + ".syn_queue_limit";
        long limit = table.Values.Count > 0 && table.Has(limitColumn)
            ? table.Column(limitColumn)[^1]
            : server.Backlog + 1L;
        long places = Theory.SynQueuePlaces(limit, h.TcpMaxSynBacklog);
        if (h.TcpSyncookies != 0)
        {
            md.Append("the regime does not hold: tcp_syncookies is ").Append(I(h.TcpSyncookies))
                .Append(", so once the SYN queue is full a SYN gets a cookie instead of being dropped (")
                .Append(h.TcpSyncookies == 2 ? "with 2, every SYN gets one and the queue is not used" :
                    "TCPReqQFullDoCookies counts them").Append("). Run with `--set net.ipv4.tcp_syncookies=0` to "
                                                               + "compare with Erlang.\n\n");
            return;
        }
        if (server.ReusePort != 1)
        {
            md.Append("the regime is not modelled here: ").Append(I(server.ReusePort))
                .Append(" SO_REUSEPORT shards split the SYNs by hash, each shard a queue of its own.\n\n");
            return;
        }
        if (2 * places > Math.Max(8, server.Backlog))
        {
            md.Append("the regime does not hold: the queue's ").Append(I(places))
                .Append(" places are more than half of max(8, backlog ").Append(I(server.Backlog))
                .Append("), so reqsk_timer_handler prunes old requests (fewer SYN-ACK retries) once it is half "
                        + "full, and the holding time is no longer fixed.\n\n");
            return;
        }

        var (_, holding) = Theory.SynAckSchedule(h.TimeoutInitSeconds, h.TcpRtoMaxSeconds, h.TcpSynackRetries);
        double rate = attackers.Sum(a => a.SynRatePerSecond * (1 - a.LossPpm / 1e6));
        double offered = rate * holding;
        double blocking = Theory.ErlangB(offered, (int)places);
        var s = summary.GetProperty("servers").GetProperty(server.Name);
        var counters = s.GetProperty("counters");
        long listenDrops = Counter(counters, "ListenDrops"), overflows = Counter(counters, "ListenOverflows");
        long arrived = 0, clientAttempts = 0;
        var text = new List<string>();
        foreach (var a in summary.GetProperty("attackers").EnumerateObject().Where(a =>
                     a.Value.GetProperty("target").GetString() == server.Name))
        {
            arrived += a.Value.GetProperty("spoofed_syns").GetInt64() - a.Value.GetProperty("lost").GetInt64();
            text.Add($"({Raw(a.Value, "spoofed_syns")} − {Raw(a.Value, "lost")}) from {a.Name}");
        }
        foreach (var c in summary.GetProperty("clients").EnumerateObject().Where(c =>
                     c.Value.GetProperty("target").GetString() == server.Name))
        {
            clientAttempts += c.Value.GetProperty("attempts").GetInt64();
            text.Add($"{Raw(c.Value, "attempts")} attempts of {c.Name}");
        }
        long drops = listenDrops - overflows;
        double flood = attackers.Max(a => a.StopSeconds) - attackers.Min(a => a.StartSeconds);

        md.Append("tcp_syncookies 0, ").Append(I(places)).Append(" places (min(SYN-queue limit ").Append(I(limit))
            .Append(", tcp_max_syn_backlog − tcp_max_syn_backlog/4 + 1 = ")
            .Append(I(h.TcpMaxSynBacklog - (h.TcpMaxSynBacklog >> 2) + 1L))
            .Append(")), at most half of max(8, backlog ").Append(I(server.Backlog))
            .Append("): no pruning, so the regime holds.\n\n| figure | value |\n| --- | ---: |\n")
            .Append("| SYN arrival rate λ (attackers' rate × (1 − loss)) | ").Append(Num(rate)).Append("/s |\n")
            .Append("| holding time h (the request's whole SYN-ACK schedule) | ").Append(Num(holding)).Append(" s |\n")
            .Append("| offered load E = λ × h | ").Append(Num(offered)).Append(" |\n")
            .Append("| predicted drop probability B(E, ").Append(I(places)).Append(") | ")
            .Append(blocking.ToString("0.0000", CultureInfo.InvariantCulture)).Append(" |\n")
            .Append("| predicted mean occupancy E × (1 − B) | ").Append(Num(offered * (1 - blocking))).Append(" |\n")
            .Append("| simulated SYN-queue drops: ListenDrops − ListenOverflows | ").Append(I(listenDrops))
            .Append(" − ").Append(I(overflows)).Append(" = ").Append(I(drops)).Append(" |\n")
            .Append("| SYNs that reached it: ").Append(string.Join(" + ", text)).Append(" | ")
            .Append(I(arrived + clientAttempts)).Append(" |\n| simulated drop probability | ")
            .Append(arrived + clientAttempts > 0
                ? ((double)drops / (arrived + clientAttempts)).ToString("0.0000", CultureInfo.InvariantCulture) : "n/a")
            .Append(" |\n| simulated SYN-queue peak (summary.json) | ").Append(Raw(s, "peak_syn_queue"))
            .Append(" |\n\n");
        md.Append("Erlang B is the stationary loss; the queue starts empty, so a flood shorter than a few holding "
                  + "times sees less (this flood lasts ").Append(Num(flood))
            .Append(" s against h = ").Append(Num(holding))
            .Append(" s). Client SYNs are counted as arrivals once each (their retransmissions are not known here), "
                    + "and their requests are answered within a round trip, so they add little to the offered "
                    + "load.\n\n");
    }

    private static long Counter(JsonElement counters, string name) =>
        counters.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
