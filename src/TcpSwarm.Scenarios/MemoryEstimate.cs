using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Scenarios;

/// <summary>The peak memory a run would need, estimated before it starts; load/README.md gives the formula.</summary>
/// <remarks>An upper-end estimate from the scenario alone, not a simulation: arrival rate × an estimated connection
/// lifetime (Little's law) for open connections, Little's law bounded by ports and tcp_max_tw_buckets for TIME_WAIT,
/// and the listeners' queue limits for SYN_RCVD. It ignores queueing beyond the accept queue (a server slower than
/// its arrivals holds at most its accept queue more) and the retransmissions of failing connections.</remarks>
/// <param name="PeakConnections">Open connections (both sides' full sockets and grains count as one, 6 KiB).</param>
/// <param name="PeakSynReceived">Request entries in SYN queues (200 B each).</param>
/// <param name="PeakTimeWait">TIME_WAIT records (200 B each).</param>
/// <param name="Largest">The client group or server that contributes the most.</param>
public sealed record MemoryEstimate(long PeakConnections, long PeakSynReceived, long PeakTimeWait, string Largest)
{
    /// <summary>A connection's two full sockets with their endpoint grains: 6 KiB.</summary>
    public const long BytesPerConnection = 6 * 1024;

    /// <summary>A compact SYN_RCVD request entry or TIME_WAIT record: 200 B.</summary>
    public const long BytesPerCompactEntry = 200;

    public long Bytes => Saturate(PeakConnections * (double)BytesPerConnection
                                  + (PeakSynReceived + (double)PeakTimeWait) * BytesPerCompactEntry);

    public static MemoryEstimate Of(Scenario scenario)
    {
        var contributions = new Dictionary<string, double>(StringComparer.Ordinal);
        double connections = 0, timeWait = 0, synReceived = 0;
        var serverTimeWait = new Dictionary<string, double>(StringComparer.Ordinal);
        var profile = scenario.Profile;

        foreach (var g in scenario.Clients)
        {
            var server = scenario.Server(g.Target);
            var (open, closeRate) = OpenConnections(g, server, scenario.Path(g.Name, g.Target));
            double tw = 0;
            if (g.Session.Close == CloseKind.Fin)
            {
                var holding = Math.Min(profile.TimeWaitLength.TotalSeconds, (scenario.Duration - g.Start).TotalSeconds);
                double ports = (double)profile.EphemeralPortCount * g.Addresses.Count;
                tw = Math.Min(closeRate * holding, ports);
                if (g.Session.Closes == Closer.Client)
                {
                    tw = Math.Min(tw, (double)profile.TcpMaxTwBuckets * g.Addresses.Count);
                }
                else
                {
                    serverTimeWait[server.Name] = serverTimeWait.GetValueOrDefault(server.Name) + tw;
                    tw = 0;
                }
            }
            connections += open;
            timeWait += tw;
            Add(contributions, g.Name, open * BytesPerConnection + tw * BytesPerCompactEntry);
        }

        var targeted = scenario.Clients.Select(c => c.Target)
            .Concat(scenario.Attackers.Select(a => a.Target)).ToHashSet();
        var targetedByClients = scenario.Clients.Select(c => c.Target).ToHashSet();
        foreach (var s in scenario.Servers)
        {
            if (!targeted.Contains(s.Name)) continue;
            // The SYN queue's limit, and the accept queue's: min(backlog, somaxconn) + 1 per shard.
            double queue = (profile.ClampBacklog(s.Backlog) + 1.0) * s.ReusePort;
            double accepting = s.Accept is AcceptSpec.Immediate || !targetedByClients.Contains(s.Name) ? 0 : queue;
            double tw = Math.Min(serverTimeWait.GetValueOrDefault(s.Name), profile.TcpMaxTwBuckets);
            synReceived += queue;
            connections += accepting;
            timeWait += tw;
            Add(contributions, s.Name, accepting * BytesPerConnection + (queue + tw) * BytesPerCompactEntry);
        }

        var largest = contributions.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key).FirstOrDefault() ?? "";
        return new MemoryEstimate(Saturate(Math.Ceiling(connections)), Saturate(Math.Ceiling(synReceived)),
            Saturate(Math.Ceiling(timeWait)), largest);
    }

    /// <summary>A session's estimated lifetime in seconds: the handshake and the close (one round trip each), then
    /// per request its think time, a round trip and the server's response delay.</summary>
    public static double LifetimeSeconds(SessionSpec session, ServerSpec server, PathSpec path)
    {
        double rtt = 2 * (MeanSeconds(path.Latency) + path.Jitter.TotalSeconds / 2);
        return 2 * rtt + session.Requests * (session.Think.TotalSeconds + rtt + server.ResponseDelay.TotalSeconds)
               + CloseWait.Seconds(session);
    }

    private static (double Open, double CloseRate) OpenConnections(ClientGroupSpec g, ServerSpec server, PathSpec path)
    {
        var lifetime = LifetimeSeconds(g.Session, server, path);
        var active = (g.Stop - g.Start).TotalSeconds;
        return g.Arrivals switch
        {
            ArrivalSpec.ClosedLoop c => (c.Concurrent, c.Concurrent / lifetime),
            ArrivalSpec.Bursts b => (b.Size * Math.Max(1, Math.Ceiling(lifetime / b.Every.TotalSeconds)),
                b.Size / b.Every.TotalSeconds),
            ArrivalSpec.Constant c => (c.PerSecond * Math.Min(lifetime, active), c.PerSecond),
            ArrivalSpec.Poisson p => (p.PerSecond * Math.Min(lifetime, active), p.PerSecond),
            ArrivalSpec.Ramp r => (Math.Max(r.FromPerSecond, r.ToPerSecond) * Math.Min(lifetime, active),
                Math.Max(r.FromPerSecond, r.ToPerSecond)),
            ArrivalSpec.Stages st => (st.Steps.Max(s => s.ToPerSecond) * Math.Min(lifetime, active),
                st.Steps.Max(s => s.ToPerSecond)),
            _ => (0, 0),
        };
    }

    private static double MeanSeconds(LatencySpec latency) => latency switch
    {
        LatencySpec.Fixed f => f.Delay.TotalSeconds,
        LatencySpec.Uniform u => (u.Min + u.Max).TotalSeconds / 2,
        LatencySpec.Normal n => n.Mean.TotalSeconds,
        LatencySpec.Exponential e => e.Mean.TotalSeconds,
        _ => latency.Floor.TotalSeconds,
    };

    private static void Add(Dictionary<string, double> contributions, string name, double bytes) =>
        contributions[name] = contributions.GetValueOrDefault(name) + bytes;

    private static long Saturate(double value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}
