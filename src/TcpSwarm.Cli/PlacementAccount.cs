using System.Globalization;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Engine.Placement;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli;

/// <summary>What `validate --silos N` adds: where each host would run on N silos (one partition each), and each
/// partition's expected share of the run's work (docs/placement.md).</summary>
internal static class PlacementAccount
{
    public static void Write(Scenario scenario, int silos, TextWriter output)
    {
        var plan = PartitionMap.For(scenario, silos).Plan!;
        output.WriteLine($"  placement   on {silos} {(silos == 1 ? "silo" : "silos")}, one partition each, by "
                         + $"expected work ({Numbers.Count(plan.TotalWork)} events in all; docs/placement.md):");
        for (int p = 0; p < plan.Count; p++)
        {
            var parts = plan.Parts[p];
            var what = parts.Count == 0 ? "idle: no unit to run" : string.Join("; ", parts.Select(Part));
            output.WriteLine($"    partition {p}  {Percent(plan.Share(p)),6}  {what}");
        }
        if (plan.Idle.Count > 0)
            output.WriteLine($"  idle        {Partitions(plan.Idle)}: more silos than units (and split units' client "
                             + "hosts) to spread; not an error, the run goes on without them");
    }

    private static string Part(PlacementPart part)
    {
        var items = new List<string>();
        if (part.Servers.Count > 0)
            items.Add((part.Servers.Count == 1 ? "server " : "servers ") + string.Join(", ", part.Servers));
        foreach (var g in part.Groups)
            items.Add(g.Hosts == g.Of ? $"{g.Name} ({Hosts(g.Of)})" : $"{g.Name} ({g.Hosts} of {Hosts(g.Of)})");
        if (part.Attackers.Count > 0)
            items.Add((part.Attackers.Count == 1 ? "attacker " : "attackers ") + string.Join(", ", part.Attackers));
        return $"{part.Unit}{(part.Split ? " (split)" : "")}: {string.Join(", ", items)}";
    }

    private static string Hosts(int count) => count == 1 ? "1 host" : $"{count} hosts";

    private static string Percent(double share) =>
        (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Partitions(IReadOnlyList<int> idle) =>
        (idle.Count == 1 ? "partition " : "partitions ") + string.Join(", ", idle);
}
