using System.Text;
using TcpSwarm.Cli.Output;
using TcpSwarm.Simulation.Engine;
using TcpSwarm.Simulation.Model;

namespace TcpSwarm.Cli.Trace;

/// <summary>A run's trace files: trace.pcap (the servers' interfaces), trace-client.pcap (the clients') and ladder.txt.
/// </summary>
internal static class TraceFiles
{
    public const string ServerPcap = "trace.pcap";
    public const string ClientPcap = "trace-client.pcap";
    public const string LadderFile = "ladder.txt";

    /// <summary>Writes the three files into folder when the trace holds anything; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string folder, Scenario scenario, IReadOnlyList<TraceRecord> trace)
    {
        if (trace.Count == 0) return [];
        var pairing = new TracePairing(trace);
        var servers = scenario.Servers.Select(s => s.Address).ToHashSet();
        var server = Path.Combine(folder, ServerPcap);
        var client = Path.Combine(folder, ClientPcap);
        var ladder = Path.Combine(folder, LadderFile);
        RunFiles.Replace(server, PcapWriter.Write(trace, Capture(trace, r => servers.Contains(r.Host)), pairing));
        RunFiles.Replace(client, PcapWriter.Write(trace, Capture(trace, r => !servers.Contains(r.Host)), pairing));
        RunFiles.Replace(ladder, Encoding.UTF8.GetBytes(Ladder.Write(trace, pairing, scenario)));
        return [server, client, ladder];
    }

    // One capture of several interfaces, as mergecap would make it: by time, then host, then each host's own order.
    private static List<int> Capture(IReadOnlyList<TraceRecord> trace, Func<TraceRecord, bool> onInterface) =>
        [.. Enumerable.Range(0, trace.Count).Where(i => onInterface(trace[i]))
            .OrderBy(i => trace[i].At).ThenBy(i => trace[i].Host).ThenBy(i => i)];
}
