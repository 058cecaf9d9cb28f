using TcpSwarm.Simulation.Model;
using TcpSwarm.Simulation.Results;
using TcpSwarm.Tcp;

namespace TcpSwarm.Simulation.Engine;

/// <summary>Turns a sample into what the live view shows: sockets by state, queues against limits, drops by reason.</summary>
public static class RunProgressBuilder
{
    private static readonly string[] CounterNames = Enum.GetNames<TcpExt>();

    // The counters that mean a segment or a connection was dropped, reset or refused: the live view's "drops".
    private static readonly TcpExt[] DropCounters =
    [
        TcpExt.ListenOverflows, TcpExt.ListenDrops, TcpExt.TCPReqQFullDrop, TcpExt.TCPReqQFullDoCookies,
        TcpExt.SyncookiesFailed, TcpExt.EmbryonicRsts, TcpExt.TCPTimeWaitOverflow, TcpExt.TCPAbortOnData,
        TcpExt.TCPAbortOnClose, TcpExt.TCPAbortOnTimeout, TcpExt.OutRsts,
    ];

    public static RunProgress From(Scenario scenario, RunSample sample, double speed)
    {
        var states = new long[11];
        long timeWait = 0, ports = 0, attempts = 0;
        var outcomes = Outcomes.None;
        var counters = new long[CounterNames.Length];
        var listeners = new List<ListenerGauge>();
        foreach (var h in sample.Hosts)
        {
            for (int i = 0; i < states.Length; i++) states[i] += h.States[i];
            states[(int)TcpState.SynReceived] += h.SynReceived;
            states[(int)TcpState.TimeWait] += h.TimeWait;
            timeWait += h.TimeWait;
            ports += h.PortsInUse;
            attempts += h.Attempts;
            outcomes += h.Outcomes;
            for (int i = 0; i < counters.Length; i++) counters[i] += h.Counters[i];
            foreach (var l in h.Listeners)
                listeners.Add(new ListenerGauge(scenario.Servers[l.Server].Name, l.Shard, l.SynQueue, l.SynQueueLimit,
                    l.AcceptQueue, l.AcceptQueueLimit));
        }
        var drops = DropCounters.Where(c => counters[(int)c] != 0)
            .Select(c => new KeyValuePair<string, long>(CounterNames[(int)c], counters[(int)c])).ToList();
        return new RunProgress(sample.VirtualTime, scenario.Duration, speed, sample.Windows, sample.Events, states,
            listeners, timeWait, ports, drops, outcomes, attempts);
    }
}
