using TcpSwarm.Simulation.Engine;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli.Trace;

// A send and its arrival are the same Segment value (every field, timestamps too) seen at the two ends. Identical
// copies (a SYN-ACK resent without timestamps) are told apart by time: an arrival belongs to the latest copy sent
// before it that no earlier arrival took, so with a steady path the lost copy is the earlier one; a second arrival
// of one copy is the network's duplicate. Which copy really was lost cannot be known when copies are identical.

/// <summary>Which send each arrival is, which sends never arrived, and the IP ID each datagram carries.</summary>
internal sealed class TracePairing
{
    private readonly int[] _partner;                  // a send's arrival or an arrival's send; -1 when none
    private readonly bool[] _peerTraced;              // the other end traced this connection, so absence means lost
    private readonly ushort[] _ipId;

    public TracePairing(IReadOnlyList<TraceRecord> records)
    {
        _partner = new int[records.Count];
        _peerTraced = new bool[records.Count];
        _ipId = new ushort[records.Count];
        Array.Fill(_partner, -1);

        var sends = new Dictionary<Segment, List<int>>();
        var seen = new HashSet<(uint Host, SocketPair Tuple)>();
        var arrivals = new List<int>();
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            seen.Add((r.Host, Local(in r)));
            if (!r.Sent)
            {
                arrivals.Add(i);
                continue;
            }
            if (!sends.TryGetValue(r.Segment, out var copies)) sends[r.Segment] = copies = [];
            copies.Add(i);
        }
        // Stable: an arrival's order among equal instants is its host's own order.
        arrivals.Sort((a, b) => records[a].At != records[b].At
            ? records[a].At.CompareTo(records[b].At)
            : a.CompareTo(b));
        foreach (int arrival in arrivals)
        {
            if (!sends.TryGetValue(records[arrival].Segment, out var copies)) continue;
            int send = Sender(records, copies, records[arrival].At);
            _partner[arrival] = send;
            if (send >= 0 && _partner[send] < 0) _partner[send] = arrival;
        }
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            _peerTraced[i] = seen.Contains((r.Sent ? r.Segment.DstAddr : r.Segment.SrcAddr, Local(in r).Reversed));
        }
        NumberDatagrams(records);
    }

    /// <summary>For a send: whether it never arrived although the receiving end traced its connection.</summary>
    public bool Lost(int send) => _partner[send] < 0 && _peerTraced[send];

    /// <summary>For a send, its (first) arrival; for an arrival, its send; -1 when the other end has none.</summary>
    public int Partner(int record) => _partner[record];

    public ushort IpId(int record) => _ipId[record];

    private int Sender(IReadOnlyList<TraceRecord> records, List<int> copies, Instant arrivedAt)
    {
        int latest = -1;
        for (int k = copies.Count - 1; k >= 0; k--)
        {
            int send = copies[k];
            if (records[send].At > arrivedAt) continue;
            if (latest < 0) latest = send;            // a duplicate's copy if every earlier one is taken
            if (_partner[send] < 0) return send;
        }
        return latest;
    }

    // Each sending host numbers its datagrams 1, 2, 3... in its own order (Linux increments a per-destination
    // counter from a random start; a fixed start keeps files byte-identical per seed). An arrival carries its send's
    // ID; one from an untraced sender (a spoofed SYN) gets the next of that source address's own count.
    private void NumberDatagrams(IReadOnlyList<TraceRecord> records)
    {
        var next = new Dictionary<uint, ushort>();
        ushort Next(uint addr)
        {
            next.TryGetValue(addr, out var id);
            next[addr] = ++id;
            return id;
        }
        for (int i = 0; i < records.Count; i++)
            if (records[i].Sent) _ipId[i] = Next(records[i].Segment.SrcAddr);
        var untraced = new Dictionary<uint, ushort>();
        for (int i = 0; i < records.Count; i++)
        {
            if (records[i].Sent) continue;
            if (_partner[i] >= 0) _ipId[i] = _ipId[_partner[i]];
            else
            {
                var source = records[i].Segment.SrcAddr;
                untraced.TryGetValue(source, out var id);
                untraced[source] = ++id;
                _ipId[i] = id;
            }
        }
    }

    private static SocketPair Local(in TraceRecord r) => r.Sent
        ? new SocketPair(r.Segment.SrcAddr, r.Segment.SrcPort, r.Segment.DstAddr, r.Segment.DstPort)
        : SocketPair.Arriving(r.Segment);
}
