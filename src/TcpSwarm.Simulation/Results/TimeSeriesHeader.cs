using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Simulation.Results;

/// <summary>The scenario facts the report needs beside the rows: timeseries.json's "header" object.</summary>
/// <remarks>Enough to rebuild the report from the run folder alone: the profile's numbers for the predictions
/// (TIME_WAIT length, port range, tw buckets, SYN-ACK schedule, SYN-queue rules) and each object's shape.</remarks>
public sealed record TimeSeriesHeader(
    string Scenario, string Question, ulong Seed, string Profile, double DurationSeconds, double SampleIntervalSeconds,
    double TimeWaitSeconds, bool TimeWaitIsStudy, double TimeoutInitSeconds, double TcpRtoMaxSeconds,
    int TcpSynackRetries, int TcpSyncookies, int TcpMaxSynBacklog, int TcpMaxTwBuckets, int TcpTwReuse,
    int EphemeralPortCount, IReadOnlyList<TimeSeriesHeader.Server> Servers,
    IReadOnlyList<TimeSeriesHeader.Client> Clients, IReadOnlyList<TimeSeriesHeader.Attacker> Attackers,
    IReadOnlyList<TimeSeriesHeader.PureAckDrop> PureAckDrops)
{
    /// <summary>A server: its backlog after listen()'s somaxconn clamp, and its SO_REUSEPORT shards.</summary>
    public sealed record Server(string Name, int Backlog, int ReusePort);

    /// <summary>A client group: its target, how many addresses (hosts), and who closes first, how.</summary>
    public sealed record Client(string Name, string Target, int Addresses, string Closes, string Close);

    /// <summary>An attacker: its target, SYN rate, when it floods and its path's loss.</summary>
    public sealed record Attacker(string Name, string Target, double SynRatePerSecond, double StartSeconds,
        double StopSeconds, int LossPpm);

    /// <summary>A fault that drops a client group's pure ACKs to a server (the lost-third-ACK study).</summary>
    public sealed record PureAckDrop(string From, string To, double FromSeconds, double UntilSeconds);

    public static TimeSeriesHeader Of(Scenario scenario)
    {
        var p = scenario.Profile;
        var servers = scenario.Servers.Select(s => new Server(s.Name, p.ClampBacklog(s.Backlog), s.ReusePort)).ToList();
        var clients = scenario.Clients.Select(c => new Client(c.Name, c.Target, c.Addresses.Count,
            c.Session.Closes == Closer.Client ? "client" : "server",
            c.Session.Close == CloseKind.Fin ? "fin" : "rst")).ToList();
        var attackers = scenario.Attackers.Select(a => new Attacker(a.Name, a.Target, a.SynRatePerSecond,
            a.Start.TotalSeconds, a.Stop.TotalSeconds, scenario.Path(a.Name, a.Target).LossPpm)).ToList();
        var drops = scenario.Faults.OfType<FaultSpec.Drop>()
            .Where(d => (d.Segments & SegmentKinds.PureAck) != 0 && scenario.Clients.Any(c => c.Name == d.Sender))
            .Select(d => new PureAckDrop(d.Sender, d.Receiver, d.From.TotalSeconds, d.Until.TotalSeconds)).ToList();
        return new TimeSeriesHeader(scenario.Name, scenario.Question, scenario.Seed, p.Name,
            scenario.Duration.TotalSeconds, scenario.SampleInterval.TotalSeconds, p.TimeWaitLength.TotalSeconds,
            scenario.TimeWaitIsStudy, p.TimeoutInit.TotalSeconds, p.TcpRtoMax.TotalSeconds, p.TcpSynackRetries,
            p.TcpSyncookies, p.TcpMaxSynBacklog, p.TcpMaxTwBuckets, p.TcpTwReuse, p.EphemeralPortCount, servers,
            clients, attackers, drops);
    }
}
