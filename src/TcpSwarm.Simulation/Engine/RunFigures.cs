using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>The hosts' sketches, histograms and events at the last sample, as summary.json's handshake, lifetime
/// and events figures.</summary>
public static class RunFigures
{
    // DurationHistogram.Bounds[7] is 1 s and [8] is 3 s: the buckets after them hold exactly what took longer.
    private const int OverOneSecond = 8, OverThreeSeconds = 9;

    public static HandshakeFigures Handshake(IReadOnlyList<HostSample> hosts)
    {
        var total = new SketchTotal();
        long attempts = 0, over1 = 0, over3 = 0;
        foreach (var h in hosts)
        {
            total.Add(h.HandshakeSketch, h.HandshakeMaxNs);
            attempts += h.Attempts;
            for (int i = OverOneSecond; i < h.HandshakeBuckets.Length; i++) over1 += h.HandshakeBuckets[i];
            for (int i = OverThreeSeconds; i < h.HandshakeBuckets.Length; i++) over3 += h.HandshakeBuckets[i];
        }
        return new HandshakeFigures(total.Count, total.QuantileMs(0.5), total.QuantileMs(0.9), total.QuantileMs(0.99),
            total.MaxMs, Share(over1, attempts), Share(over3, attempts), Share(attempts - total.Count, attempts));
    }

    public static LifetimeFigures Lifetime(IReadOnlyList<HostSample> hosts)
    {
        var total = new SketchTotal();
        foreach (var h in hosts) total.Add(h.LifetimeSketch, h.LifetimeMaxNs);
        return new LifetimeFigures(total.Count, total.QuantileMs(0.5), total.QuantileMs(0.9), total.QuantileMs(0.99),
            total.MaxMs);
    }

    // A share rounded to 6 decimals, so summary.json shows 0.1234 rather than 0.12340000000000001.
    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 6);

    /// <summary>Each (event, place) over the hosts: the earliest first, the latest last, the counts added.</summary>
    public static IReadOnlyList<RunEvent> Events(Scenario scenario, IReadOnlyList<HostSample> hosts)
    {
        var merged = MergeEvents(hosts);
        var events = new List<RunEvent>();
        foreach (var ((kind, where), (first, last, count)) in merged)
        {
            var k = (RunEventKind)kind;
            string place;
            string? message;
            if (where >= 0)
            {
                var server = scenario.Servers[(int)where];
                place = server.Name;
                message = RunEventNames.LinuxMessage(k, Ipv4.Format(server.Address), server.Port,
                    scenario.Profile.TcpSyncookies);
            }
            else
            {
                place = scenario.Clients[(int)(-1 - where)].Name;
                message = RunEventNames.LinuxMessage(k, "", 0, scenario.Profile.TcpSyncookies);
            }
            events.Add(new RunEvent(RunEventNames.Of(k), place, first / 1e9, last / 1e9, count, message));
        }
        events.Sort((a, b) => a.FirstS != b.FirstS ? a.FirstS.CompareTo(b.FirstS)
            : string.CompareOrdinal(a.Name, b.Name) != 0 ? string.CompareOrdinal(a.Name, b.Name)
            : string.CompareOrdinal(a.Where, b.Where));
        return events;
    }

    /// <summary>Each (<see cref="RunEventKind"/>, where) over the hosts, where being a server's index or -1 minus a
    /// client group's: the earliest first and latest last instant in ns, the counts added; in key order.</summary>
    public static SortedDictionary<(long Kind, long Where), (long FirstNs, long LastNs, long Count)> MergeEvents(
        IEnumerable<HostSample> hosts)
    {
        var merged = new SortedDictionary<(long Kind, long Where), (long FirstNs, long LastNs, long Count)>();
        foreach (var h in hosts)
            for (int i = 0; i + 4 < h.Events.Length; i += 5)
            {
                var key = (h.Events[i], h.Events[i + 1]);
                var (first, last, count) = (h.Events[i + 2], h.Events[i + 3], h.Events[i + 4]);
                merged[key] = merged.TryGetValue(key, out var m)
                    ? (Math.Min(m.FirstNs, first), Math.Max(m.LastNs, last), m.Count + count)
                    : (first, last, count);
            }
        return merged;
    }
}
