using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Sampled connections' segments, as tcpdump on this host would see them.</summary>
/// <remarks>A connection is sampled when a keyed hash of its 4-tuple (the same from either end) falls under the
/// scenario's rate, up to the scenario's cap per host.</remarks>
internal sealed class HostTrace(uint address, Scenario scenario)
{
    private readonly HashSet<SocketPair> _traced = [];
    private readonly List<TraceRecord> _trace = [];

    /// <summary>Everything traced on this host so far, in the order it happened here.</summary>
    public IReadOnlyList<TraceRecord> Records => _trace;

    public void Segment(in Segment seg, Instant at, bool sent)
    {
        var spec = scenario.Trace;
        if (spec.SamplePpm <= 0) return;
        var local = sent
            ? new SocketPair(seg.SrcAddr, seg.SrcPort, seg.DstAddr, seg.DstPort)
            : SocketPair.Arriving(in seg);
        if (!_traced.Contains(local))
        {
            if (_traced.Count >= spec.Max || !Sampled(in local, spec.SamplePpm)) return;
            _traced.Add(local);
        }
        _trace.Add(new TraceRecord(at, address, sent, seg));
    }

    private bool Sampled(in SocketPair local, int ppm)
    {
        // Order the two ends so that client and server draw the same number for one connection.
        bool ordered = ((ulong)local.LocalAddr << 16 | local.LocalPort)
                       < ((ulong)local.RemoteAddr << 16 | local.RemotePort);
        var canonical = ordered ? local : local.Reversed;
        return KeyedHash.Of(scenario.Seed, in canonical) % 1_000_000 < (ulong)ppm;
    }
}
