using System.Globalization;
using TcpSwarm.Scenarios;
using TcpSwarm.Simulation.Model;
using TcpSwarm.Tcp;

namespace TcpSwarm.Cli;

/// <summary>What `validate` says of a valid scenario: the run it describes, in a few aligned lines.</summary>
internal static class ScenarioAccount
{
    public static void Write(string path, Scenario s, MemoryEstimate? memory, long memoryLimitBytes, TextWriter output)
    {
        output.WriteLine($"{Printable.Of(path)} is valid; nothing was started.");
        Line(output, "scenario", s.Name);
        if (s.Question.Length > 0) Line(output, "question", s.Question);
        Line(output, "seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        Line(output, "duration", Units.FormatDuration(s.Duration) + " of virtual time");
        Line(output, "profile", Profile(s));
        Line(output, "time_wait", Units.FormatDuration(s.Profile.TimeWaitLength)
                                  + (s.TimeWaitIsStudy ? " (a study: no stock kernel has it)" : ""));
        Line(output, "speed", s.Speed.IsMax ? "max" : s.Speed + "x wall time");
        Lines(output, "servers", s.Servers.Select(Server));
        Lines(output, "clients", s.Clients.Select(Client));
        Lines(output, "attackers", s.Attackers.Select(Attacker));
        Line(output, "lookahead", Units.FormatDuration(s.Lookahead) + " (the smallest latency floor of any path)");
        if (memory is not null) Line(output, "memory", Memory(memory, memoryLimitBytes));
    }

    private static string Profile(Scenario s) => s.SysctlOverrides.Count == 0
        ? s.Profile.Name
        : s.Profile.Name + " with " + string.Join(", ", s.SysctlOverrides.Select(o => o.Key + "=" + o.Value));

    private static string Server(ServerSpec s)
    {
        var accept = s.Accept switch
        {
            AcceptSpec.Rate r => "accept " + Units.FormatRate(r.PerSecond),
            AcceptSpec.Never => "accept never",
            AcceptSpec.Workers w => $"accept by {w.Count} workers",
            _ => "accept immediate",
        };
        var shards = s.ReusePort > 1 ? $", reuseport {s.ReusePort}" : "";
        return $"{s.Name} {Ipv4.Format(s.Address)}:{s.Port}, backlog {s.Backlog}{shards}, {accept}";
    }

    private static string Client(ClientGroupSpec c) =>
        $"{c.Name} {c.Addresses} ({Hosts(c.Addresses.Count)}) -> {c.Target}, {Arrivals(c.Arrivals)}";

    private static string Attacker(AttackerSpec a) =>
        $"{a.Name} spoofing {a.SpoofedFrom} -> {a.Target}, {Units.FormatRate(a.SynRatePerSecond)} SYNs, "
        + $"{Units.FormatDuration(a.Start)} to {Units.FormatDuration(a.Stop)}";

    private static string Hosts(int count) => count == 1 ? "1 host" : $"{count} hosts";

    private static string Arrivals(ArrivalSpec arrivals) => arrivals switch
    {
        ArrivalSpec.Constant c => "constant " + Units.FormatRate(c.PerSecond),
        ArrivalSpec.Poisson p => "poisson " + Units.FormatRate(p.PerSecond),
        ArrivalSpec.Ramp r => $"ramp {Units.FormatRate(r.FromPerSecond)} to {Units.FormatRate(r.ToPerSecond)} over "
                              + Units.FormatDuration(r.Over),
        ArrivalSpec.Stages st => $"{st.Steps.Count} stages over {Units.FormatDuration(st.Length)}",
        ArrivalSpec.Bursts b => $"bursts of {b.Size} every {Units.FormatDuration(b.Every)}",
        ArrivalSpec.ClosedLoop c => $"closed loop of {c.Concurrent}",
        _ => arrivals.ToString(),
    };

    private static string Memory(MemoryEstimate m, long limitBytes) =>
        $"about {Numbers.Bytes(m.Bytes)} at peak, of {Numbers.Bytes(limitBytes)} available "
        + $"({Numbers.Count(m.PeakConnections)} open connections, {Numbers.Count(m.PeakSynReceived)} in SYN_RCVD, "
        + $"{Numbers.Count(m.PeakTimeWait)} in TIME_WAIT"
        + (m.Largest.Length > 0 ? $"; most from {m.Largest}" : "")
        + (m.Dominant is { } most ? $"; the largest term: {most}, {Numbers.Bytes(most.Bytes)})" : ")");

    private static void Lines(TextWriter output, string label, IEnumerable<string> items)
    {
        var any = false;
        foreach (var item in items)
        {
            Line(output, any ? "" : label, item);
            any = true;
        }
        if (!any) Line(output, label, "none");
    }

    private static void Line(TextWriter output, string label, string value) =>
        output.WriteLine("  " + label.PadRight(10) + "  " + value);
}
