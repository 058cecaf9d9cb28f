using System.Globalization;
using System.Text;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Trace;

/// <summary>ladder.txt: each sampled connection's segments from both ends, one line a segment, in time order.
/// </summary>
internal static class Ladder
{
    private const string Header =
        """
        # The sampled connections, segment by segment. A line is a segment at the time it was sent (ms of virtual
        # time), C the client and S the server, its flags, seq and ack relative to each side's ISN as Wireshark shows
        # them (no ack when the ACK bit is clear), its payload length, then when it arrived at the other end, or LOST
        # when it was sent and never arrived there (a receiver that traced nothing of it cannot tell). A segment whose
        # sender was not traced (a spoofed SYN) is shown when it arrived.
        # Connection states are not part of the trace, so they are left out; the pcap files hold the same segments.

        """;

    public static string Write(IReadOnlyList<TraceRecord> records, TracePairing pairing, Scenario scenario)
    {
        var connections = new Dictionary<Ends, List<int>>();
        for (int i = 0; i < records.Count; i++)
        {
            var ends = Ends.Of(records[i].Segment, scenario);
            if (!connections.TryGetValue(ends, out var list)) connections[ends] = list = [];
            list.Add(i);
        }
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (ends, lines) in connections
                     .Select(c => (c.Key, Lines: Lines(records, pairing, c.Value)))
                     .OrderBy(c => records[c.Lines[0]].At).ThenBy(c => c.Key.ClientAddr).ThenBy(c => c.Key.ClientPort)
                     .ThenBy(c => c.Key.ServerAddr).ThenBy(c => c.Key.ServerPort))
            Write(text, ends, records, pairing, lines);
        return text.ToString();
    }

    // The segments to print: every send, and the arrivals no traced send explains; by time, then record order.
    private static List<int> Lines(IReadOnlyList<TraceRecord> records, TracePairing pairing, List<int> indices)
    {
        var lines = indices.Where(i => records[i].Sent || pairing.Partner(i) < 0).ToList();
        lines.Sort((a, b) => records[a].At != records[b].At ? records[a].At.CompareTo(records[b].At) : a.CompareTo(b));
        return lines;
    }

    private static void Write(StringBuilder text, Ends ends, IReadOnlyList<TraceRecord> records, TracePairing pairing,
        List<int> lines)
    {
        uint? clientIsn = Isn(records, lines, ends.ClientAddr, ends.ClientPort);
        uint? serverIsn = Isn(records, lines, ends.ServerAddr, ends.ServerPort);
        text.Append(CultureInfo.InvariantCulture, $"{Ipv4.Format(ends.ClientAddr)}:{ends.ClientPort} (C) <-> ");
        text.Append(CultureInfo.InvariantCulture, $"{Ipv4.Format(ends.ServerAddr)}:{ends.ServerPort} (S)  ");
        text.Append(CultureInfo.InvariantCulture, $"ISN C={Show(clientIsn)} S={Show(serverIsn)}\n");
        foreach (int i in lines)
        {
            var r = records[i];
            var seg = r.Segment;
            bool fromClient = seg.SrcAddr == ends.ClientAddr && seg.SrcPort == ends.ClientPort;
            uint own = (fromClient ? clientIsn : serverIsn) ?? 0, peer = (fromClient ? serverIsn : clientIsn) ?? 0;
            text.Append(Milliseconds(r.At)).Append(fromClient ? "  C --> S  " : "  C <-- S  ");
            text.Append(SegmentText.Flags(seg.Flags));
            text.Append(CultureInfo.InvariantCulture, $" seq={unchecked(seg.Seq.Value - own)}");
            if (seg.Has(TcpFlags.Ack))
                text.Append(CultureInfo.InvariantCulture, $" ack={unchecked(seg.Ack.Value - peer)}");
            text.Append(CultureInfo.InvariantCulture, $" len={seg.Length}");
            Options(text, in seg);
            int partner = pairing.Partner(i);
            if (!r.Sent) text.Append("  (arrived; its sender was not traced)");
            else if (partner >= 0) text.Append("  arrives ").Append(Milliseconds(records[partner].At).TrimStart());
            else if (pairing.Lost(i)) text.Append("  LOST");
            else text.Append("  (its receiver was not traced)");     // a spoofed source, or past the trace's max
            text.Append('\n');
        }
        text.Append('\n');
    }

    // A side's ISN is the sequence number of its first SYN; without one (sampling started late), its first segment's.
    private static uint? Isn(IReadOnlyList<TraceRecord> records, List<int> lines, uint addr, ushort port)
    {
        uint? first = null;
        foreach (int i in lines)
        {
            var seg = records[i].Segment;
            if (seg.SrcAddr != addr || seg.SrcPort != port) continue;
            if (seg.Has(TcpFlags.Syn)) return seg.Seq.Value;
            first ??= seg.Seq.Value;
        }
        return first;
    }

    // The options that are negotiated, so on SYNs only; timestamps on every later segment would hide the numbers.
    private static void Options(StringBuilder text, in Segment seg)
    {
        if ((seg.Options & (TcpOptions.Mss | TcpOptions.WindowScale | TcpOptions.SackPermitted)) == 0) return;
        var parts = new List<string>(4);
        if ((seg.Options & TcpOptions.Mss) != 0) parts.Add("mss " + seg.Mss.ToString(CultureInfo.InvariantCulture));
        if ((seg.Options & TcpOptions.SackPermitted) != 0) parts.Add("sack_perm");
        if (seg.HasTimestamps) parts.Add("ts");
        if ((seg.Options & TcpOptions.WindowScale) != 0)
            parts.Add("wscale " + seg.WindowScale.ToString(CultureInfo.InvariantCulture));
        text.Append(" <").Append(string.Join(',', parts)).Append('>');
    }

    private static string Show(uint? isn) => isn?.ToString(CultureInfo.InvariantCulture) ?? "?";

    // Microseconds are the finest a ladder needs; the pcap files keep the nanoseconds.
    private static string Milliseconds(Instant at) => string.Create(CultureInfo.InvariantCulture,
        $"{at.Nanoseconds / 1_000_000,7}.{at.Nanoseconds % 1_000_000 / 1000:000}");

    private readonly record struct Ends(uint ClientAddr, ushort ClientPort, uint ServerAddr, ushort ServerPort)
    {
        // The client is the end that is not a scenario server; when neither or both are, the end with the higher
        // port (an ephemeral one), so that every segment of a connection picks the same end.
        public static Ends Of(in Segment seg, Scenario scenario)
        {
            bool srcIsServer = IsServer(seg.SrcAddr, seg.SrcPort, scenario);
            bool dstIsServer = IsServer(seg.DstAddr, seg.DstPort, scenario);
            bool fromClient = srcIsServer == dstIsServer
                ? seg.SrcPort > seg.DstPort || (seg.SrcPort == seg.DstPort && seg.SrcAddr < seg.DstAddr)
                : dstIsServer;
            return fromClient
                ? new(seg.SrcAddr, seg.SrcPort, seg.DstAddr, seg.DstPort)
                : new(seg.DstAddr, seg.DstPort, seg.SrcAddr, seg.SrcPort);
        }

        private static bool IsServer(uint addr, ushort port, Scenario scenario) =>
            scenario.Servers.Any(s => s.Address == addr && s.Port == port);
    }
}
