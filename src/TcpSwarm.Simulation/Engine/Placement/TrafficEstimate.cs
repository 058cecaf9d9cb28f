using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Engine.Placement;

/// <summary>The work a scenario's traffic will give each side, estimated from the scenario alone: the segments each
/// side is expected to receive over the run (an event each), plus each client's connect() calls.</summary>
/// <remarks>
/// Per connection of a client group, with R requests of q bytes, responses of r bytes and an MSS of m:
/// the server receives SYN and the handshake's ACK, per request ⌈q/m⌉ data segments and ⌈⌈r/m⌉/2⌉ ACKs of the
/// response (delayed ACKs: one per two segments), and two segments of a FIN close when the client closes (FIN,
/// last ACK) or one when the server does; the client receives the SYN-ACK, per request max(1, ⌈r/m⌉) (the
/// response, or a bare ACK of the request), its close's segments the other way round, and its connect() call.
/// An RST close sends one segment to the other side; a closer that never closes (close_after: never) sends none.
/// A spoofed SYN is one event at its server. The count of connections integrates the arrival rate over the group's
/// active span; a closed loop opens Concurrent per lifetime (two round trips plus, per request, its think time, a
/// round trip and the response delay).
/// Losses, retransmissions and timers are left out: they scale with the same counts.
/// </remarks>
public static class TrafficEstimate
{
    /// <summary>The events a client group's connections give its server and, together, its client hosts.</summary>
    public static (long ToServer, long ToClients) Of(Scenario scenario, ClientGroupSpec group)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(group);
        var server = scenario.Server(group.Target);
        var session = group.Session;
        int mss = Math.Max(1, scenario.Profile.Mss);
        long requestSegments = Segments(session.RequestBytes, mss);
        long responseSegments = Segments(server.ResponseBytes, mss);
        double toServer = 2 + session.Requests * (requestSegments + (responseSegments + 1) / 2);
        double toClient = 1 + 1 + session.Requests * Math.Max(1, responseSegments);
        bool clientCloses = session.Closes == Closer.Client;
        bool closes = session.CloseAfter is not DelaySpec.Never;
        if (closes && session.Close == CloseKind.Fin)
        {
            toServer += clientCloses ? 2 : 1;
            toClient += clientCloses ? 1 : 2;
        }
        else if (closes && clientCloses) toServer += 1;
        else if (closes) toClient += 1;
        double connections = Connections(scenario, group, server);
        return (Round(connections * toServer), Round(connections * toClient));
    }

    /// <summary>The events an attacker's spoofed SYNs give its server: one per SYN.</summary>
    public static long Of(Scenario scenario, AttackerSpec attacker)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(attacker);
        var stop = attacker.Stop < scenario.Duration ? attacker.Stop : scenario.Duration;
        return Round(attacker.SynRatePerSecond * Math.Max(0, (stop - attacker.Start).TotalSeconds));
    }

    /// <summary>Connections a group is expected to open over the run.</summary>
    public static double Connections(Scenario scenario, ClientGroupSpec group, ServerSpec server)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(server);
        var stop = group.Stop < scenario.Duration ? group.Stop : scenario.Duration;
        double active = Math.Max(0, (stop - group.Start).TotalSeconds);
        return group.Arrivals switch
        {
            ArrivalSpec.Constant c => c.PerSecond * active,
            ArrivalSpec.Poisson p => p.PerSecond * active,
            ArrivalSpec.Ramp r => Ramp(r.FromPerSecond, r.ToPerSecond, r.Over.TotalSeconds, active),
            ArrivalSpec.Stages s => Stages(s, active),
            ArrivalSpec.Bursts b => b.Size * Math.Ceiling(active / b.Every.TotalSeconds),
            ArrivalSpec.ClosedLoop c => c.Concurrent * active / Lifetime(scenario, group, server),
            _ => 0,
        };
    }

    private static long Segments(long bytes, int mss) => bytes <= 0 ? 0 : (bytes + mss - 1) / mss;

    private static long Round(double value) => value >= long.MaxValue ? long.MaxValue : (long)Math.Round(value);

    // The integral of a rate going linearly from `from` to `to` over `over` seconds, then holding `to`.
    private static double Ramp(double from, double to, double over, double active)
    {
        if (active <= over) return from * active + (to - from) * active * active / (2 * over);
        return (from + to) / 2 * over + to * (active - over);
    }

    private static double Stages(ArrivalSpec.Stages stages, double active)
    {
        double total = 0, rate = 0, at = 0;
        foreach (var step in stages.Steps)
        {
            double over = step.Over.TotalSeconds, target = step.Hold ? rate : step.ToPerSecond;
            double span = Math.Min(over, active - at);
            if (span <= 0) break;
            total += over == 0 ? 0 : Ramp(rate, target, over, span);
            at += over;
            rate = target;
        }
        return total;
    }

    private static double Lifetime(Scenario scenario, ClientGroupSpec group, ServerSpec server)
    {
        var path = scenario.Path(group.Name, group.Target);
        double rtt = 2 * (path.Latency.MeanSeconds + path.Jitter.TotalSeconds / 2);
        var s = group.Session;
        double lifetime = 2 * rtt + s.Requests * (s.Think.TotalSeconds + rtt + server.ResponseDelay.TotalSeconds);
        return Math.Max(lifetime, 1e-6);
    }

}
