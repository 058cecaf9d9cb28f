using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Scenarios;

/// <summary>The peak memory a run would need, estimated before it starts; load/README.md gives the formula.</summary>
/// <remarks>An upper-end estimate from the scenario alone, not a simulation, as a sum of terms (<see cref="Terms"/>):
/// the process itself; open connections by Little's law (arrival rate × an estimated lifetime); connections that
/// pile up behind a server accepting slower than they arrive, until the client gives up; the listeners' SYN and
/// accept queues at their limits; TIME_WAIT bounded by ports and tcp_max_tw_buckets; and a flood's SYNs in flight.
/// Their sizes were measured (load/README.md, "Memory estimate").</remarks>
/// <param name="PeakConnections">Open connections (both sides' full sockets and grains count as one, 6 KiB).</param>
/// <param name="PeakSynReceived">Request entries in SYN queues (200 B each).</param>
/// <param name="PeakTimeWait">TIME_WAIT records (200 B each).</param>
/// <param name="Largest">The client group, server or attacker whose term is the largest ("" when it is the
/// process).</param>
public sealed record MemoryEstimate(long PeakConnections, long PeakSynReceived, long PeakTimeWait, string Largest)
{
    /// <summary>A connection's two full sockets with their endpoint grains: 6 KiB.</summary>
    public const long BytesPerConnection = 6 * 1024;

    /// <summary>A compact SYN_RCVD request entry or TIME_WAIT record: 200 B.</summary>
    public const long BytesPerCompactEntry = 200;

    /// <summary>The process with its runtime and an idle silo: 128 MiB (a one-second quickstart peaks at 113 MiB).
    /// </summary>
    public const long ProcessBytes = 128L << 20;

    /// <summary>A segment in flight: a 136 B event, in a queue that grows by doubling (measured: 262 B a SYN).
    /// </summary>
    public const long BytesPerSegmentInFlight = 272;

    /// <summary>Every term, the largest first.</summary>
    public IReadOnlyList<MemoryTerm> Terms { get; init; } = [];

    /// <summary>The largest term.</summary>
    public MemoryTerm? Dominant => Terms.Count > 0 ? Terms[0] : null;

    public long Bytes => Terms.Count > 0
        ? Saturate(Terms.Sum(t => (double)t.Bytes))
        : Saturate(PeakConnections * (double)BytesPerConnection
                   + (PeakSynReceived + (double)PeakTimeWait) * BytesPerCompactEntry);

    public static MemoryEstimate Of(Scenario scenario)
    {
        var terms = new List<MemoryTerm>
        {
            new("", "the process, its runtime and silo", 0, ProcessBytes, "nothing: it is the least a run needs"),
        };
        double connections = 0, timeWait = 0, synReceived = 0;
        var serverTimeWait = new Dictionary<string, double>(StringComparer.Ordinal);
        var arriving = new Dictionary<string, double>(StringComparer.Ordinal);
        var profile = scenario.Profile;

        foreach (var g in scenario.Clients)
        {
            var server = scenario.Server(g.Target);
            var (open, closeRate) = OpenConnections(g, server, scenario.Path(g.Name, g.Target));
            double tw = 0;
            // A close that never comes (close_after or passive_close_after: never) leaves no TIME_WAIT: the
            // connection stays open, or the closer's orphaned FIN_WAIT_2 ends after tcp_fin_timeout.
            bool closes = g.Session.CloseAfter is not DelaySpec.Never
                          && g.Session.PassiveCloseAfter is not DelaySpec.Never;
            if (g.Session.Close == CloseKind.Fin && closes)
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
            if (g.Arrivals is not ArrivalSpec.ClosedLoop)
                arriving[server.Name] = arriving.GetValueOrDefault(server.Name) + ArrivalRate(g);
            connections += open;
            timeWait += tw;
            Add(terms, g.Name, "open connections", open, BytesPerConnection, "lower its rate or its think time");
            Add(terms, g.Name, "TIME_WAIT records", tw, BytesPerCompactEntry, "lower its rate or time_wait");
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
            double waiting = Waiting(scenario, s, arriving.GetValueOrDefault(s.Name));
            synReceived += queue;
            connections += accepting + waiting;
            timeWait += tw;
            Add(terms, s.Name, "SYN queue entries", queue, BytesPerCompactEntry, "lower its backlog");
            Add(terms, s.Name, "connections in its accept queue", accepting, BytesPerConnection, "lower its backlog");
            Add(terms, s.Name, "TIME_WAIT records", tw, BytesPerCompactEntry, "lower the rates or time_wait");
            Add(terms, s.Name, "connections waiting for accept() until their clients give up", waiting,
                BytesPerConnection, "raise its accept rate, lower the clients' rates or shorten the run");
        }

        foreach (var a in scenario.Attackers)
        {
            // SYNs leave on the attacker's schedule up to a window ahead and arrive a latency later.
            var path = scenario.Path(a.Name, a.Target);
            var flying = Math.Min((a.Stop - a.Start).TotalSeconds,
                MaxSeconds(path.Latency) + path.Jitter.TotalSeconds + scenario.Lookahead.TotalSeconds);
            Add(terms, a.Name, "SYNs in flight", a.SynRatePerSecond * flying, BytesPerSegmentInFlight,
                "lower its syn_rate or the path's latency");
        }

        terms.Sort((x, y) => y.Bytes != x.Bytes ? y.Bytes.CompareTo(x.Bytes)
            : string.CompareOrdinal(x.Owner + x.What, y.Owner + y.What));
        var byOwner = terms.Where(t => t.Owner.Length > 0).GroupBy(t => t.Owner)
            .Select(o => (Owner: o.Key, Bytes: o.Sum(t => (double)t.Bytes)))
            .OrderByDescending(o => o.Bytes).ThenBy(o => o.Owner, StringComparer.Ordinal).ToList();
        return new MemoryEstimate(Saturate(Math.Ceiling(connections)), Saturate(Math.Ceiling(synReceived)),
            Saturate(Math.Ceiling(timeWait)), byOwner.Count > 0 ? byOwner[0].Owner : "")
        { Terms = terms };
    }

    /// <summary>How long a client keeps retransmitting a request nobody reads before it gives up (tcp_retries2
    /// retransmissions from tcp_rto_min, doubling up to tcp_rto_max).</summary>
    public static double GiveUpSeconds(TcpProfile profile)
    {
        double total = 0, rto = profile.TcpRtoMin.TotalSeconds, max = profile.TcpRtoMax.TotalSeconds;
        for (int i = 0; i <= profile.TcpRetries2; i++, rto = Math.Min(rto * 2, max)) total += rto;
        return total;
    }

    // Arrivals beyond a server's accept rate pile up: the handshake completes on the client's side (the server drops
    // the final ACK when its accept queue is full), and the client holds its socket, retransmitting its request,
    // until it gives up or the run ends.
    private static double Waiting(Scenario scenario, ServerSpec server, double arrivalRate)
    {
        if (server.Accept is not AcceptSpec.Rate rate || arrivalRate <= rate.PerSecond) return 0;
        var active = scenario.Clients.Where(c => c.Target == server.Name)
            .Max(c => (Min(c.Stop, scenario.Duration) - c.Start).TotalSeconds);
        return (arrivalRate - rate.PerSecond) * Math.Min(Math.Max(0, active), GiveUpSeconds(scenario.Profile));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static double ArrivalRate(ClientGroupSpec g) => g.Arrivals switch
    {
        ArrivalSpec.Constant c => c.PerSecond,
        ArrivalSpec.Poisson p => p.PerSecond,
        ArrivalSpec.Ramp r => Math.Max(r.FromPerSecond, r.ToPerSecond),
        ArrivalSpec.Bursts b => b.Size / b.Every.TotalSeconds,
        _ => 0,
    };

    private static double MaxSeconds(LatencySpec latency) => latency switch
    {
        LatencySpec.Fixed f => f.Delay.TotalSeconds,
        LatencySpec.Uniform u => u.Max.TotalSeconds,
        _ => latency.MeanSeconds,
    };

    private static void Add(List<MemoryTerm> terms, string owner, string what, double count, long bytesEach,
        string shrink)
    {
        if (count <= 0) return;
        terms.Add(new MemoryTerm(owner, what, Saturate(Math.Ceiling(count)), Saturate(Math.Ceiling(count) * bytesEach),
            shrink));
    }

    /// <summary>A session's estimated lifetime in seconds: the handshake and the close (one round trip each), then
    /// per request its think time, a round trip and the server's response delay.</summary>
    public static double LifetimeSeconds(SessionSpec session, ServerSpec server, PathSpec path)
    {
        double rtt = 2 * (path.Latency.MeanSeconds + path.Jitter.TotalSeconds / 2);
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


    private static long Saturate(double value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}
